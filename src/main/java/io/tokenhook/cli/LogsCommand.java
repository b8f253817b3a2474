package io.tokenhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.HashSet;

/** {@code tokenhook logs}: the tenant log, listed or followed live. */
@Command(name = "logs", description = "Review the log: token exchanges, Management API changes and hook output.",
        subcommands = {LogsCommand.Ls.class, LogTailCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  tokenhook logs ls -n 20", "  tokenhook logs ls --filter type:feccft", "  tokenhook logs tail",
                "  tokenhook logs tail --filter 'type:(hkcon OR hkerr)'"})
final class LogsCommand extends CommandGroup {
    static final String FILTER_HELP = "Lucene-style query, e.g. type:feccft, type:(seccft OR feccft), client_id:ID, "
            + "audience:\"https://api.example.com/data\", hook_id:ID; AND or a space combines terms.";

    @Command(name = "ls", aliases = "list", sortOptions = false, description = "List log events, newest first.",
            footerHeading = "%nExamples:%n",
            footer = {"  tokenhook logs ls", "  tokenhook logs ls -n 200 --filter 'type:feccft AND client_id:AbC123'",
                    "  tokenhook logs ls -o json | jq '.[] | {date, type, description}'"})
    static final class Ls extends FormattedCommand {
        @Option(names = {"-n", "--number"}, paramLabel = "N", defaultValue = "50",
                description = "How many events, 1 to 1000 (default: ${DEFAULT-VALUE}).")
        int number;

        @Option(names = {"-f", "--filter"}, paramLabel = "QUERY", description = FILTER_HELP)
        String filter;

        Ls(CliEnvironment env) {
            super(env);
        }

        @Override
        public Integer call() {
            if (number < 1 || number > 1000) throw CliException.usage("--number must be between 1 and 1000");
            ArrayNode events = recent(client(), filter, number);
            if (out().printedAsJson(events)) return 0;
            if (events.isEmpty()) out().message("No log events" + (filter == null ? "." : " match " + filter + "."));
            for (JsonNode e : events) out().out().println(LogLines.format(e, out()));
            out().out().flush();
            return 0;
        }
    }

    /** The newest {@code number} events matching {@code filter}, newest first, read page by page. */
    static ArrayNode recent(ManagementClient client, String filter, int number) {
        ArrayNode events = Http.JSON.createArrayNode();
        var seen = new HashSet<String>();
        int perPage = Math.min(number, ManagementClient.PAGE_SIZE);
        for (int page = 0; events.size() < number; page++) {
            JsonNode items = client.get("/logs", Urls.Query.of("sort", "date:-1").put("q", filter).put("page", page).put("per_page", perPage));
            for (JsonNode e : items) {
                if (events.size() < number && seen.add(e.path("log_id").asText())) events.add(e);
            }
            if (items.size() < perPage) break;
        }
        return events;
    }
}
