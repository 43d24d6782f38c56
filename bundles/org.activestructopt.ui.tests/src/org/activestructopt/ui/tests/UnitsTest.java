package org.activestructopt.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.activestructopt.ui.internal.spectra.Units;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"angstrom|Å", "1/angstrom|Å⁻¹", "angstrom^-1|Å⁻¹", "angstrom^-2|Å⁻²",
        "eV|eV", "counts|counts", "' eV '|eV"})
    void nexusUnitSpellingsAreShownAsOnAPlot(String nexus, String shown) {
        assertEquals(shown, Units.pretty(nexus));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"11.9|11.9", "0|0", "100|100", "0.05|0.05", "-2.5|-2.5",
        "0.000015|1.5e-05", "123456789|1.23457e+08", "3.14159265|3.14159"})
    void numbersAreShortWithoutTrailingZeros(double v, String text) {
        assertEquals(text, Units.number(v));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"-3|Å⁻³", "-2|Å⁻²", "1|Å", "0|''", "12|Å¹²"})
    void powersOfAngstrom(int power, String text) {
        assertEquals(text, Units.angstromPower(power));
    }
}
