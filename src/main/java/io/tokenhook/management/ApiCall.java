package io.tokenhook.management;

import io.javalin.http.Context;

/** One authenticated Management API request: the caller plus what resources need of the HTTP request. */
public final class ApiCall {
    private final Context ctx;
    private final Caller caller;

    ApiCall(Context ctx, Caller caller) {
        this.ctx = ctx;
        this.caller = caller;
    }

    public Caller caller() {
        return caller;
    }

    public QueryParams query() {
        return new QueryParams(ctx.queryParamMap());
    }

    public JsonBody body() {
        return JsonBody.parse(ctx.contentType(), ctx.bodyAsBytes());
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
