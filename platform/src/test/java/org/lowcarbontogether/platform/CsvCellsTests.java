package org.lowcarbontogether.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellsTests {

    @Test
    void textASpreadsheetWouldRunAsAFormulaIsDefused() {
        assertThat(CsvCells.safe("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(CsvCells.safe("+86 123")).isEqualTo("'+86 123");
        assertThat(CsvCells.safe("-1")).isEqualTo("'-1");
        assertThat(CsvCells.safe("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.safe("Li Wei")).isEqualTo("Li Wei");
        assertThat(CsvCells.safe(-1L)).as("numbers stay numbers").isEqualTo(-1L);
        assertThat(CsvCells.safe((Object) null)).isNull();
    }
}
