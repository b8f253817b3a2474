package io.tokenhook.management;

import io.javalin.http.Context;
import io.tokenhook.events.EventLog;
import io.tokenhook.events.LogFilter;
import io.tokenhook.tenant.LogEvent;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /api/v2/logs/stream}: new log events as Server-Sent Events ({@code id} = log_id, {@code event: log},
 * {@code data} = the event as {@code GET /logs} renders it), filtered by {@code q}. With {@code from} or a
 * {@code Last-Event-ID} header it first replays what came after that id, so a client that reconnects misses
 * nothing. A comment line every 15 s keeps proxies from closing an idle stream.
 *
 * <p>The live part comes from {@link EventLog#subscribe}, which is in place before the replay's query runs: an
 * event written meanwhile arrives both ways and is sent once (the replayed ids are remembered). With several nodes
 * an event can arrive late, after events with later ids; it is still sent, and its {@code id} line repeats the
 * highest id sent so far, so {@code Last-Event-ID} stays the point to resume from.
 */
final class LogStreamResource {
    static final int MAX_STREAMS = 32;
    private static final int MAX_BUFFERED = 10_000;
    private static final int REPLAY_LIMIT = 1_000;
    private static final long HEARTBEAT_MS = 15_000;

    private final EventLog events;
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean stopping;

    LogStreamResource(EventLog events) {
        this.events = events;
    }

    /** Ends every open stream (server shutdown). */
    void stop() {
        stopping = true;
    }

    void stream(ApiCall call, Context ctx) throws IOException {
        call.caller().require("read:logs");
        var q = call.query().allowOnly(Set.of("q", "search", "from"));
        LogFilter filter = LogsResource.filter(q);
        String from = q.string("from");
        if (from == null) from = ctx.header("Last-Event-ID");
        if (open.incrementAndGet() > MAX_STREAMS) {
            open.decrementAndGet();
            throw new ApiError(429, "Too many open log streams (at most " + MAX_STREAMS + ")", "too_many_requests");
        }
        var queue = new LinkedBlockingQueue<LogEvent>(MAX_BUFFERED);
        try (var subscription = events.subscribe(filter::test, queue::offer)) {
            var response = ctx.res();
            response.setStatus(200);
            response.setContentType("text/event-stream;charset=utf-8");
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("X-Accel-Buffering", "no");
            OutputStream out = response.getOutputStream();
            out.write(": tokenhook log stream\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            String last = from == null ? "" : from;   // the highest log id sent
            var replayed = new HashSet<String>();
            if (from != null) {
                for (LogEvent e : events.query(filter.toQuery(true, 0, REPLAY_LIMIT).after(from))) {
                    replayed.add(e.logId());
                    last = send(out, e, e.logId());
                }
            }
            long lastWrite = System.currentTimeMillis();
            while (!stopping) {
                LogEvent e = queue.poll(1, TimeUnit.SECONDS);
                if (e != null) {
                    String id = e.logId();
                    if (replayed.remove(id) || (from != null && id.compareTo(from) <= 0)) continue;
                    if (id.compareTo(last) > 0) last = send(out, e, id);
                    else send(out, e, last);   // late: out of order, the resume point stays
                    lastWrite = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - lastWrite > HEARTBEAT_MS) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    lastWrite = System.currentTimeMillis();
                }
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (e instanceof ApiError api) throw api;
            throw new IllegalStateException(e);
        } finally {
            open.decrementAndGet();
        }
    }

    /** Writes {@code e} with {@code id} as its SSE id (where a reconnecting client resumes); returns the id. */
    private static String send(OutputStream out, LogEvent e, String id) throws IOException {
        String json = JsonBody.MAPPER.writeValueAsString(LogsResource.render(e));
        out.write(("id: " + id + "\nevent: log\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return id;
    }
}
