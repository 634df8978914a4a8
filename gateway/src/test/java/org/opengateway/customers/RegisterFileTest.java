package org.opengateway.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class RegisterFileTest {

    static byte[] xlsx(List<List<Object>> rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("Customers");
            for (int r = 0; r < rows.size(); r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object value = rows.get(r).get(c);
                    if (value instanceof Number number) {
                        row.createCell(c).setCellValue(number.doubleValue());
                    } else if (value != null) {
                        row.createCell(c).setCellValue(value.toString());
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void csvWithSemicolonsByteOrderMarkAndQuotes() throws Exception {
        String text = "\uFEFFNamn;Organisationsnummer;Land;E-post;Adress\r\n"
                + "Acme AB;556732-1707;SE;billing@acme.se;\"Storgatan 1; 111 22 Stockholm\"\r\n"
                + "\r\n"
                + "\"Nordic \"\"Best\"\" AS\";974760673;NO;;\n";

        List<CustomerRow> rows = RegisterFile.read(text.getBytes(StandardCharsets.UTF_8), FileKind.CSV);

        assertThat(rows).containsExactly(
                new CustomerRow(2, "Acme AB", "556732-1707", "SE", "billing@acme.se", "Storgatan 1; 111 22 Stockholm"),
                new CustomerRow(4, "Nordic \"Best\" AS", "974760673", "NO", "", ""));
    }

    @Test
    void csvWithCommasAndColumnsInAnotherOrder() throws Exception {
        String text = "country,name,organisation number\nDK,Dansk ApS,10150817\n";

        assertThat(RegisterFile.read(text.getBytes(StandardCharsets.UTF_8), FileKind.CSV))
                .containsExactly(new CustomerRow(2, "Dansk ApS", "10150817", "DK", "", ""));
    }

    @Test
    void xlsxWithNumbersAsCells() throws Exception {
        byte[] file = xlsx(List.of(List.of("Name", "Organisation number", "Country", "E-mail", "Address"),
                List.of("Acme AB", 5567321707L, "SE", "billing@acme.se", "Storgatan 1")));

        assertThat(RegisterFile.read(file, FileKind.XLSX))
                .containsExactly(new CustomerRow(2, "Acme AB", "5567321707", "SE", "billing@acme.se", "Storgatan 1"));
    }

    @Test
    void aHeaderWithoutTheRequiredColumnsIsRefusedNamingThem() {
        byte[] file = "customer,vat\nAcme,SE556732170701\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> RegisterFile.read(file, FileKind.CSV))
                .isInstanceOf(RegisterFile.Unreadable.class)
                .hasMessageStartingWith("The header row (line 1) has no column name, organisation number, country.");
    }

    @Test
    void notUtf8IsRefusedWithWhatToDo() {
        byte[] latin1 = "name;org;country\nK\u00f6ln GmbH;1;DE\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> RegisterFile.read(latin1, FileKind.CSV))
                .hasMessageContaining("not UTF-8").hasMessageContaining("CSV UTF-8");
    }

    @Test
    void theFileKindComesFromTheContent() {
        byte[] xlsx = xlsx(List.of(List.of("name")));

        assertThat(FileKind.of(xlsx, "application/octet-stream", "register.xlsx")).contains(FileKind.XLSX);
        assertThat(FileKind.of("a,b\n".getBytes(StandardCharsets.UTF_8), "text/csv", null)).contains(FileKind.CSV);
        assertThat(FileKind.of("%PDF-1.7\u0000".getBytes(StandardCharsets.ISO_8859_1), "application/pdf", "x.pdf"))
                .isEmpty();
        assertThat(FileKind.of(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0}, "application/vnd.ms-excel",
                "old.xls")).isEmpty();
    }
}
