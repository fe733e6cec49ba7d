package fr.vigie.domain;

import fr.vigie.domain.followup.DeviceFollowUp;

import java.time.DateTimeException;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Every rule of the watch-list contract (spec section 1), each failure naming the entry and the field. */
public final class WatchlistValidator {

    private static final Pattern MONTH_DAY = Pattern.compile("\\d{2}-\\d{2}");
    private static final Pattern EMDN = Pattern.compile("[A-Z]\\d{0,12}");

    /** The outcome of validating a whole list: the entries, or every violation found. */
    public record Result(List<WatchlistEntry> entries, List<Violation> violations) {
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    /** One entry checked: the entry when every rule holds (then {@code violations} is empty), null otherwise. */
    public record Checked(WatchlistEntry entry, List<Violation> violations) {
    }

    public Result validateAll(List<WatchlistDraft> drafts) {
        List<WatchlistEntry> entries = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < drafts.size(); i++) {
            WatchlistDraft draft = drafts.get(i);
            String label = label(draft, i);
            Checked own = check(draft, label);
            violations.addAll(own.violations());
            if (draft.deviceId() != null && !seen.add(draft.deviceId())) {
                violations.add(new Violation(label, "deviceId", "identifiant en double dans la liste"));
            } else if (own.entry() != null) {
                entries.add(own.entry());
            }
        }
        return new Result(violations.isEmpty() ? List.copyOf(entries) : List.of(), List.copyOf(violations));
    }

    /** Validates one entry; {@code label} names it in the messages. */
    public List<Violation> validate(WatchlistDraft d, String label) {
        return check(d, label).violations();
    }

    /**
     * Checks every rule of one entry in one pass and builds it when they all hold: the draft's text
     * is read once, into the entry's value objects ({@link Thresholds}, {@link SeasonWindow}).
     */
    public Checked check(WatchlistDraft d, String label) {
        List<Violation> v = new ArrayList<>();
        if (d.deviceId() == null || d.deviceId().isBlank()) {
            v.add(new Violation(label, "deviceId", "obligatoire"));
        } else if (!Identifier.valid(d.deviceId())) {
            v.add(new Violation(label, "deviceId", "2 à 40 caractères parmi A-Z, 0-9 et '-' (reçu \"" + Excerpt.of(d.deviceId()) + "\")"));
        }
        if (d.name() == null || d.name().isBlank()) {
            v.add(new Violation(label, "name", "obligatoire"));
        }
        if (d.unit() == null || d.unit().isBlank()) {
            v.add(new Violation(label, "unit", "obligatoire"));
        }
        // names, units and notes go into the hospitals' emails and SMS as typed, and into email subjects
        PlainText.check(v, label, "name", d.name(), PlainText.NAME_MAX);
        PlainText.check(v, label, "unit", d.unit(), PlainText.NAME_MAX);
        if (d.epidemics() == null || d.epidemics().isEmpty()) {
            v.add(new Violation(label, "epidemics", "au moins une épidémie parmi FLU, BRONCHIOLITIS, COVID"));
        } else {
            for (String e : d.epidemics()) {
                if (parseEpidemic(e) == null) {
                    v.add(new Violation(label, "epidemics", "valeur inconnue \"" + Excerpt.of(e) + "\" (FLU, BRONCHIOLITIS ou COVID)"));
                }
            }
        }
        if (d.emdn() != null && !EMDN.matcher(d.emdn()).matches()) {
            v.add(new Violation(label, "emdn", "code EMDN invalide \"" + Excerpt.of(d.emdn()) + "\" (une lettre suivie de chiffres, ex. R0302)"));
        }
        if (d.references() != null) {
            // the notices' rule, so that a notice's udiDi can find the entry's (spec sections 1 and 5)
            v.addAll(SupplierReference.violations(label, "references", d.references()));
        }
        MonthDay start = checkMonthDay(v, label, "season.start", d.seasonStart());
        MonthDay end = checkMonthDay(v, label, "season.end", d.seasonEnd());
        if (start != null && start.equals(end)) {
            // SeasonWindow's rule: one day or the whole year? Both readings have been asked for, the spec gives neither
            v.add(new Violation(label, "season.end", "fin identique au début (" + d.seasonEnd() + ") : la fenêtre serait d'un seul jour "
                    + "ou de toute l'année ; pour toute l'année, finissez la veille du début (ex. 10-01 à 09-30)"));
        }
        Optional<Thresholds> thresholds = Thresholds.parse(label, d.warningDays(), d.criticalDays(), v);
        DeviceFollowUp followUp = followUp(d, label, v);
        if (!v.isEmpty()) {
            return new Checked(null, List.copyOf(v));
        }
        Set<Epidemic> epidemics = EnumSet.noneOf(Epidemic.class);
        d.epidemics().forEach(e -> epidemics.add(Epidemic.valueOf(e)));
        return new Checked(new WatchlistEntry(d.deviceId(), d.name(), epidemics, d.unit(), d.emdn(), d.references(),
                new SeasonWindow(start, end), thresholds.orElseThrow(), d.active() == null || d.active(), followUp), List.of());
    }

    /** The optional follow-up settings (issue 22): a whole number of hours 1 to 168, alternatives each naming a reference or a family. */
    private static DeviceFollowUp followUp(WatchlistDraft d, String label, List<Violation> v) {
        Integer hours = null;
        if (d.escalationHours() != null) {
            try {
                hours = Integer.valueOf(d.escalationHours().strip());
            } catch (NumberFormatException e) {
                hours = -1;
            }
            if (hours < 1 || hours > DeviceFollowUp.MAX_ESCALATION_HOURS) {
                v.add(new Violation(label, "escalationHours", "nombre entier d'heures de 1 à " + DeviceFollowUp.MAX_ESCALATION_HOURS
                        + " attendu (reçu \"" + Excerpt.of(d.escalationHours()) + "\")"));
            }
        }
        List<DeviceFollowUp.Alternative> alternatives = d.alternatives() == null ? List.of() : d.alternatives();
        for (int i = 0; i < alternatives.size(); i++) {
            DeviceFollowUp.Alternative a = alternatives.get(i);
            boolean reference = a.ref() != null && !a.ref().isBlank();
            boolean family = a.deviceId() != null && Identifier.valid(a.deviceId());
            if (reference == family) {
                v.add(new Violation(label, "alternatives[" + i + "]", "une référence (\"ref\", \"supplier\") ou une famille de la liste (\"deviceId\"), l'une ou l'autre"));
            }
            PlainText.check(v, label, "alternatives[" + i + "].note", a.note(), PlainText.NOTE_MAX);
            PlainText.check(v, label, "alternatives[" + i + "].ref", a.ref(), PlainText.NAME_MAX);
            PlainText.check(v, label, "alternatives[" + i + "].supplier", a.supplier(), PlainText.NAME_MAX);
        }
        return new DeviceFollowUp(hours, alternatives);
    }

    private static String label(WatchlistDraft d, int index) {
        return d.deviceId() != null && !d.deviceId().isBlank() ? d.deviceId() : "#" + (index + 1);
    }

    private static MonthDay checkMonthDay(List<Violation> v, String label, String field, String value) {
        if (value == null) {
            v.add(new Violation(label, field, "obligatoire (MM-JJ)"));
            return null;
        }
        MonthDay day = parseMonthDay(value);
        if (day == null) {
            v.add(new Violation(label, field, "date MM-JJ invalide \"" + Excerpt.of(value) + "\""));
        }
        return day;
    }

    /** {@code value} as a {@code MM-DD} day of the year, or null when it is not one. */
    static MonthDay parseMonthDay(String value) {
        if (!MONTH_DAY.matcher(value).matches()) {
            return null;
        }
        try {
            return MonthDay.of(Integer.parseInt(value.substring(0, 2)), Integer.parseInt(value.substring(3)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Epidemic parseEpidemic(String value) {
        try {
            return value == null ? null : Epidemic.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
