package io.tokenhook.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The columns stored sealed under the {@link MasterKey}, each with the columns that name its row. A value is sealed
 * for its table, column and row key, so it opens nowhere else.
 */
enum SecretColumn {
    HOOK_SECRET("hook_secrets", "value", "hook_id", "name"),
    PRIVATE_KEY("signing_keys", "private_jwk", "kid"),
    API_SIGNING_SECRET("resource_servers", "signing_secret", "id");

    final String table;
    final String column;
    final List<String> rowKey;

    SecretColumn(String table, String column, String... rowKey) {
        this.table = table;
        this.column = column;
        this.rowKey = List.of(rowKey);
    }

    /** {@code value} sealed for the row whose key is {@code row}; null stays null. */
    String seal(MasterKey key, String value, String... row) {
        return value == null ? null : key.seal(value, binding(row));
    }

    /** The clear value of the row {@code row}; a value that does not open is a {@link StoreUnavailableException} naming the row. */
    String open(MasterKey key, String value, String... row) {
        if (value == null) return null;
        try {
            return key.open(value, binding(row));
        } catch (MasterKey.SealedValueException e) {
            throw new StoreUnavailableException("cannot decrypt " + table + "." + column + " of " + String.join("/", row)
                    + ": the value " + e.getMessage(), null);
        }
    }

    /** Table, column and row key, each length-prefixed, so no two rows bind to the same bytes. */
    private byte[] binding(String... row) {
        if (row.length != rowKey.size()) throw new IllegalArgumentException(table + " rows are named by " + rowKey);
        var out = new ByteArrayOutputStream();
        for (String part : concat(table, column, row)) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            out.write(bytes.length >>> 24);
            out.write(bytes.length >>> 16);
            out.write(bytes.length >>> 8);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static String[] concat(String table, String column, String[] row) {
        var all = new String[row.length + 2];
        all[0] = table;
        all[1] = column;
        System.arraycopy(row, 0, all, 2, row.length);
        return all;
    }
}
