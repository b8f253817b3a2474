package io.tokenhook.store;

import java.util.Set;

/**
 * Which log events to read. Null fields do not filter. Log ids sort like time, so id bounds are time bounds.
 *
 * @param logIdAfter  exclusive lower bound on log_id
 * @param logIdFrom   inclusive lower bound on log_id
 * @param logIdTo     inclusive upper bound on log_id
 * @param logIdBefore exclusive upper bound on log_id
 */
public record EventQuery(
        Set<String> types,
        String clientId,
        String audience,
        String hookId,
        String logIdAfter,
        String logIdFrom,
        String logIdTo,
        String logIdBefore,
        boolean ascending,
        int offset,
        int limit) {

    public EventQuery {
        types = types == null ? Set.of() : Set.copyOf(types);
        if (offset < 0) throw new IllegalArgumentException("offset cannot be negative");
        if (limit < 0) throw new IllegalArgumentException("limit cannot be negative");
    }

    public static EventQuery latest(int limit) {
        return new EventQuery(Set.of(), null, null, null, null, null, null, null, false, 0, limit);
    }

    /** The same query, also requiring log ids strictly after {@code logId} (the stricter bound wins). */
    public EventQuery after(String logId) {
        String lower = logIdAfter == null || logId.compareTo(logIdAfter) > 0 ? logId : logIdAfter;
        return new EventQuery(types, clientId, audience, hookId, lower, logIdFrom, logIdTo, logIdBefore, ascending, offset, limit);
    }
}
