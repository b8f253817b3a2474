package io.tokenhook.tenant;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of the tenant log, shaped like Auth0's log events.
 *
 * @param logId   sortable id: ordering by it is ordering by time
 * @param details free-form, type specific
 */
public record LogEvent(
        String logId,
        Instant date,
        String type,
        String description,
        String clientId,
        String clientName,
        String audience,
        String scope,
        String ip,
        String userAgent,
        String hookId,
        Map<String, Object> details) {

    public LogEvent {
        details = details == null ? Map.of() : details;
    }
}
