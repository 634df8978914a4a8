package org.opengateway.customers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads a customer register: CSV (separator {@code ,} or {@code ;}, found from the header row; UTF-8, with or without
 * a byte order mark; fields in double quotes may hold separators, quotes doubled and line breaks) or Excel xlsx (the
 * first sheet). The first row names the columns: name, organisation number and country are required, e-mail and
 * address optional, in any order; a few other spellings (and Swedish) are understood.
 */
public final class RegisterFile {

    /** The file cannot be read as a register at all; the message says why and what to do. */
    public static class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    private enum Column { NAME, ORG_NUMBER, COUNTRY, EMAIL, ADDRESS }

    private static final Map<String, Column> HEADERS = Map.ofEntries(
            Map.entry("name", Column.NAME), Map.entry("namn", Column.NAME), Map.entry("company", Column.NAME),
            Map.entry("organisationnumber", Column.ORG_NUMBER), Map.entry("organizationnumber", Column.ORG_NUMBER),
            Map.entry("orgnumber", Column.ORG_NUMBER), Map.entry("orgnr", Column.ORG_NUMBER),
            Map.entry("organisationsnummer", Column.ORG_NUMBER), Map.entry("orgno", Column.ORG_NUMBER),
            Map.entry("country", Column.COUNTRY), Map.entry("land", Column.COUNTRY),
            Map.entry("countrycode", Column.COUNTRY),
            Map.entry("email", Column.EMAIL), Map.entry("epost", Column.EMAIL), Map.entry("mail", Column.EMAIL),
            Map.entry("address", Column.ADDRESS), Map.entry("adress", Column.ADDRESS));

    private RegisterFile() {
    }

    public static List<CustomerRow> read(byte[] content, FileKind kind) throws Unreadable {
        List<List<String>> rows = kind == FileKind.XLSX ? xlsx(content) : csv(text(content));
        if (rows.isEmpty()) {
            throw new Unreadable("The file is empty. Send a header row (name, organisation number, country, e-mail,"
                    + " address) and one row per customer.");
        }
        Map<Column, Integer> columns = columns(rows.get(0));
        List<CustomerRow> customers = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> cells = rows.get(i);
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            customers.add(new CustomerRow(i + 1, cell(cells, columns, Column.NAME), cell(cells, columns, Column.ORG_NUMBER),
                    cell(cells, columns, Column.COUNTRY), cell(cells, columns, Column.EMAIL),
                    cell(cells, columns, Column.ADDRESS)));
        }
        return customers;
    }

    private static Map<Column, Integer> columns(List<String> header) throws Unreadable {
        Map<Column, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String key = header.get(i).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
            Column column = HEADERS.get(key);
            if (column != null) {
                columns.putIfAbsent(column, i);
            }
        }
        List<String> missing = new ArrayList<>();
        if (!columns.containsKey(Column.NAME)) {
            missing.add("name");
        }
        if (!columns.containsKey(Column.ORG_NUMBER)) {
            missing.add("organisation number");
        }
        if (!columns.containsKey(Column.COUNTRY)) {
            missing.add("country");
        }
        if (!missing.isEmpty()) {
            throw new Unreadable("The header row (line 1) has no column " + String.join(", ", missing) + ". It reads: "
                    + header + ". The first row must name the columns: name, organisation number, country, e-mail,"
                    + " address.");
        }
        return columns;
    }

    private static String cell(List<String> cells, Map<Column, Integer> columns, Column column) {
        Integer index = columns.get(column);
        return index == null || index >= cells.size() ? "" : cells.get(index).trim();
    }

    private static String text(byte[] content) throws Unreadable {
        int start = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, start, content.length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new Unreadable("The CSV file is not UTF-8 text. Save it as \"CSV UTF-8\" (in Excel: Save as, CSV"
                    + " UTF-8) and upload it again.");
        }
    }

    /** Rows of cells; the separator is the one of , and ; that the header row has more of. */
    static List<List<String>> csv(String text) {
        int headerEnd = text.indexOf('\n') < 0 ? text.length() : text.indexOf('\n');
        String header = text.substring(0, headerEnd);
        char separator = header.chars().filter(c -> c == ';').count() > header.chars().filter(c -> c == ',').count()
                ? ';' : ',';
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
            } else if (c == separator) {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> xlsx(byte[] content) throws Unreadable {
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            if (workbook.getNumberOfSheets() == 0) {
                return List.of();
            }
            Sheet sheet = workbook.getSheetAt(0);
            DataFormatter formatter = new DataFormatter(Locale.ROOT);
            List<List<String>> rows = new ArrayList<>();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < Math.max(row.getLastCellNum(), 0); c++) {
                        Cell cell = row.getCell(c);
                        cells.add(cell == null ? "" : formatter.formatCellValue(cell));
                    }
                }
                // keeps the row's place, so that the line numbers are those Excel shows
                rows.add(cells);
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            throw new Unreadable("The Excel file cannot be read (" + e.getMessage() + "). Save it as an Excel"
                    + " workbook (.xlsx) and upload it again.");
        }
    }
}
