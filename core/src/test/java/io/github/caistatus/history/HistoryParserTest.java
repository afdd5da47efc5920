package io.github.caistatus.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.caistatus.api.Incident;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HistoryParserTest {

    static final String GOOD = String.join("\n",
            "# a comment",
            "",
            "incident\tx1\t2023-11-05 01:30 PDT\t2023-11-05 01:30 PST\tMAJOR_OUTAGE\tSERVER_ERROR\tno\t-\tacross the fold",
            "update\tx1\t2023-11-05 01:30 PDT\tINVESTIGATING\t-",
            "update\tx1\t2023-11-05 01:30 PST\tRESOLVED\tback",
            "incident\ta1\t2023-05-05\t2023-05-06\tPARTIAL_OUTAGE\tOTHER\tno\t-\ttwo days",
            "report\t2023-05-06\tPARTIAL_OUTAGE\tOTHER\ta1\tsecond day",
            "report\t2023-05-05\tDEGRADED\tOVERLOADED\ta1\tfirst day",
            "report\t2023-05-07\tOPERATIONAL\tNONE\t-\tall well",
            "day\t2023-11-05\t60\t0\tx1",
            "");

    static BundledHistory parse(String text) {
        return BundledHistory.parse(new StringReader(text), "test.tsv");
    }

    @Test
    void theLabelDisambiguatesTheRepeatedHourOfTheNovemberSwitch() {
        // 01:30 happens twice on 5 Nov 2023: first as PDT (08:30Z), an hour later as PST (09:30Z)
        Incident x = parse(GOOD).incidents().stream().filter(i -> i.id().equals("x1")).findFirst().orElseThrow();
        assertThat(x.start()).isEqualTo(Instant.parse("2023-11-05T08:30:00Z"));
        assertThat(x.end()).contains(Instant.parse("2023-11-05T09:30:00Z"));
        assertThat(x.updates().get(1).note()).isEqualTo("back");
        assertThat(x.updates().get(0).note()).isEmpty();
    }

    @Test
    void dateOnlyIncidentsSpanTheirReportsDaysInPacificTime() {
        BundledHistory h = parse(GOOD);
        Incident a = h.incidents().stream().filter(i -> i.id().equals("a1")).findFirst().orElseThrow();
        assertThat(a.start()).isEqualTo(Instant.parse("2023-05-05T07:00:00Z"));
        assertThat(a.end()).contains(Instant.parse("2023-05-07T07:00:00Z"));
        assertThat(a.updates()).extracting(u -> u.note()).containsExactly("first day", "second day");
        assertThat(BundledHistory.isDateOnly(a)).isTrue();
        assertThat(h.reports()).extracting(r -> r.date().toString())
                .containsExactly("2023-05-05", "2023-05-06", "2023-05-07");
    }

    @Test
    void readsFromAnInputStreamToo() {
        BundledHistory h = BundledHistory.parse(new ByteArrayInputStream(GOOD.getBytes(StandardCharsets.UTF_8)), "s");
        assertThat(h.incidents()).hasSize(2);
        assertThat(h.dailyDowntime()).hasSize(1);
    }

    @Test
    void aMalformedLineFailsWithTheResourceAndLineNumber() {
        String bad = GOOD.replace("report\t2023-05-07\tOPERATIONAL", "report\t2023-05-07\tFINE");
        assertThatThrownBy(() -> parse(bad))
                .isInstanceOf(HistoryFormatException.class)
                .hasMessageStartingWith("test.tsv line 9: ")
                .hasMessageContaining("unknown health 'FINE'")
                .satisfies(e -> assertThat(((HistoryFormatException) e).line()).isEqualTo(9));
    }

    @Test
    void aWrongNumberOfFieldsFailsWithTheLineNumber() {
        String bad = GOOD.replace("day\t2023-11-05\t60\t0\tx1", "day\t2023-11-05\t60");
        assertThatThrownBy(() -> parse(bad)).hasMessageStartingWith("test.tsv line 10: expected 5");
    }

    @Test
    void aLabelThatDisagreesWithTheTimeZoneFails() {
        String bad = "incident\ty\t2023-11-06 06:17 PDT\t2023-11-06 06:36 PDT\tMAJOR_OUTAGE\tOTHER\tno\t-\ts\n";
        assertThatThrownBy(() -> parse("# one\n" + bad))
                .hasMessageStartingWith("test.tsv line 2: ")
                .hasMessageContaining("PDT disagrees with America/Los_Angeles");
    }

    @Test
    void aReportOfAnUnknownIncidentFailsNamingTheReportsLine() {
        String bad = GOOD.replace("a1\tfirst day", "zz\tfirst day");
        assertThatThrownBy(() -> parse(bad)).hasMessageStartingWith("test.tsv line 8: ")
                .hasMessageContaining("unknown incident 'zz'");
    }

    @Test
    void aDateOnlyIncidentMustSpanItsReports() {
        String bad = GOOD.replace("2023-05-05\t2023-05-06\tPARTIAL", "2023-05-05\t2023-05-09\tPARTIAL");
        assertThatThrownBy(() -> parse(bad)).hasMessageStartingWith("test.tsv line 6: ")
                .hasMessageContaining("must span its reports' days");
    }

    @Test
    void anEndThatIsNotTheResolvedUpdateFails() {
        String bad = GOOD.replace("update\tx1\t2023-11-05 01:30 PST\tRESOLVED", "update\tx1\t2023-11-05 01:20 PST\tRESOLVED");
        assertThatThrownBy(() -> parse(bad)).hasMessageStartingWith("test.tsv line 3: ")
                .hasMessageContaining("Resolved update");
    }

    @Test
    void anUnknownRecordKindFails() {
        assertThatThrownBy(() -> parse("\n\nweather\tsunny\n")).hasMessage(
                "test.tsv line 3: unknown record kind 'weather' (expected incident, update, report or day)");
    }
}
