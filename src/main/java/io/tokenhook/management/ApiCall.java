package io.tokenhook.management;

import io.javalin.http.Context;

/**
 * One authenticated Management API request: the caller plus what resources need of the HTTP request, and for a write
 * the {@link Change} its log event will record.
 */
public final class ApiCall {
    private final Context ctx;
    private final Caller caller;
    private final Change change;

    ApiCall(Context ctx, Caller caller, Change change) {
        this.ctx = ctx;
        this.caller = caller;
        this.change = change;
    }

    public Caller caller() {
        return caller;
    }

    /** The audit record of this write; only write routes have one. */
    public Change change() {
        if (change == null) throw new IllegalStateException(method() + " " + requestPath() + " is not registered as a write");
        return change;
    }

    public QueryParams query() {
        return new QueryParams(ctx.queryParamMap());
    }

    /** The JSON object body; a write's change records the names of its fields. */
    public JsonBody body() {
        var body = JsonBody.parse(ctx.contentType(), ctx.bodyAsBytes());
        if (change != null) change.fields(body.names());
        return body;
    }

    public byte[] rawBody() {
        return ctx.bodyAsBytes();
    }

    public String contentType() {
        return ctx.contentType();
    }

    public String path(String name) {
        return ctx.pathParam(name);
    }

    public String method() {
        return ctx.method().name();
    }

    public String requestPath() {
        return ctx.path();
    }

    public String ip() {
        return ctx.ip();
    }

    public String userAgent() {
        return ctx.userAgent();
    }
}
