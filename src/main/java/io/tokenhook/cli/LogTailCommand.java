package io.tokenhook.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * {@code tokenhook logs tail}: follows {@code GET /api/v2/logs/stream} (Server-Sent Events) and prints each
 * event as it happens, until interrupted. A dropped connection is reopened with {@code Last-Event-ID}, so the
 * server replays what was missed.
 */
@Command(name = "tail", sortOptions = false,
        description = {"Follow the log live: exchanges (seccft, feccft), changes (sapi, refused: fapi) and hook output (hkcon, hkerr), "
                + "one line each, until interrupted (Ctrl-C).", "With -o json, one JSON event per line."},
        footerHeading = "%nExamples:%n",
        footer = {"  tokenhook logs tail", "  tokenhook logs tail -n 0 --filter 'type:(hkcon OR hkerr)'",
                "  tokenhook logs tail -o json | jq -c '{type, description}'"})
final class LogTailCommand extends FormattedCommand {
    private static final long MAX_BACKOFF_MS = 15_000;

    @Option(names = {"-n", "--number"}, paramLabel = "N", defaultValue = "10",
            description = "Show the last N events first, 0 to 1000 (default: ${DEFAULT-VALUE}).")
    int number;

    @Option(names = {"-f", "--filter"}, paramLabel = "QUERY", description = LogsCommand.FILTER_HELP)
    String filter;

    private String lastEventId;

    LogTailCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    public Integer call() {
        if (number < 0 || number > 1000) throw CliException.usage("--number must be between 0 and 1000");
        var recent = LogsCommand.recent(client(), filter, Math.max(number, 1));
        for (int i = Math.min(number, recent.size()) - 1; i >= 0; i--) print(recent.get(i));
        if (!recent.isEmpty()) lastEventId = recent.get(0).path("log_id").asText();
        String path = "/logs/stream" + Urls.Query.of().put("q", filter).toQueryString();

        HttpResponse<InputStream> response = client().openStream(path, lastEventId);
        out().err().println(out().style("Following the log" + (filter == null ? "" : " (" + filter + ")") + "; Ctrl-C to stop.", Output.Style.DIM));
        out().err().flush();
        long backoff = 1_000;
        while (true) {
            try (InputStream in = response.body()) {
                read(in);
                if (Thread.currentThread().isInterrupted()) return 0;
                warnLost("the server closed the stream");
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) return 0;
                warnLost(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            response = null;
            while (response == null) {
                if (!sleep(backoff)) return 0;
                try {
                    response = client().openStream(path, lastEventId);
                    out().err().println(out().style("Reconnected.", Output.Style.DIM));
                    out().err().flush();
                    backoff = 1_000;
                } catch (CliException e) {
                    if (Thread.currentThread().isInterrupted()) return 0;
                    if (e.status() >= 400 && e.status() < 500 && e.status() != 429) throw e;
                    out().err().println("tokenhook: " + e.getMessage() + "; retrying in " + Math.min(backoff * 2, MAX_BACKOFF_MS) / 1000 + " s");
                    out().err().flush();
                    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
                }
            }
        }
    }

    /** Reads events until the stream ends: {@code id:} and {@code data:} lines, dispatched at each blank line. */
    private void read(InputStream in) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String id = null;
        var data = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) dispatch(id, data.toString());
                id = null;
                data.setLength(0);
            } else if (line.startsWith("id:")) {
                id = field(line, 3);
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) data.append('\n');
                data.append(field(line, 5));
            }
            // comments (":") and event names are ignored: every event of this stream is a log event
        }
    }

    private static String field(String line, int prefix) {
        String value = line.substring(prefix);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    private void dispatch(String id, String data) {
        try {
            JsonNode event = Http.JSON.readTree(data);
            print(event);
            lastEventId = id != null ? id : event.path("log_id").asText(lastEventId);
        } catch (JsonProcessingException e) {
            out().warn("skipped an unreadable event " + (id == null ? "" : id));
        }
    }

    private void print(JsonNode event) {
        var writer = out().out();
        if (out().json()) {
            try {
                writer.println(Http.JSON.writeValueAsString(event));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            writer.println(LogLines.format(event, out()));
        }
        writer.flush();
    }

    private void warnLost(String why) {
        out().err().println("tokenhook: log stream lost (" + why + "); reconnecting");
        out().err().flush();
    }

    /** Sleeps, returning false if interrupted (the user stopped the tail). */
    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
