package fr.vigie.domain;

import java.time.DateTimeException;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Every rule of the watch-list contract (spec section 1), each failure naming the entry and the field. */
public final class WatchlistValidator {

    private static final Pattern MONTH_DAY = Pattern.compile("\\d{2}-\\d{2}");
    private static final Pattern EMDN = Pattern.compile("[A-Z]\\d{0,12}");
    private static final int MAX_DAYS = 365;

    /** The outcome of validating a whole list: the entries, or every violation found. */
    public record Result(List<WatchlistEntry> entries, List<Violation> violations) {
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    public Result validateAll(List<WatchlistDraft> drafts) {
        List<WatchlistEntry> entries = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < drafts.size(); i++) {
            WatchlistDraft draft = drafts.get(i);
            String label = label(draft, i);
            List<Violation> own = validate(draft, label);
            if (draft.deviceId() != null && !seen.add(draft.deviceId())) {
                own.add(new Violation(label, "deviceId", "identifiant en double dans la liste"));
            }
            violations.addAll(own);
            if (own.isEmpty()) {
                entries.add(toEntry(draft));
            }
        }
        return new Result(violations.isEmpty() ? List.copyOf(entries) : List.of(), List.copyOf(violations));
    }

    /** Validates one entry; {@code label} names it in the messages. */
    public List<Violation> validate(WatchlistDraft d, String label) {
        List<Violation> v = new ArrayList<>();
        if (d.deviceId() == null || d.deviceId().isBlank()) {
            v.add(new Violation(label, "deviceId", "obligatoire"));
        } else if (!Identifier.valid(d.deviceId())) {
            v.add(new Violation(label, "deviceId", "2 à 40 caractères parmi A-Z, 0-9 et '-' (reçu \"" + d.deviceId() + "\")"));
        }
        if (d.name() == null || d.name().isBlank()) {
            v.add(new Violation(label, "name", "obligatoire"));
        }
        if (d.unit() == null || d.unit().isBlank()) {
            v.add(new Violation(label, "unit", "obligatoire"));
        }
        if (d.epidemics() == null || d.epidemics().isEmpty()) {
            v.add(new Violation(label, "epidemics", "au moins une épidémie parmi FLU, BRONCHIOLITIS, COVID"));
        } else {
            for (String e : d.epidemics()) {
                if (parseEpidemic(e) == null) {
                    v.add(new Violation(label, "epidemics", "valeur inconnue \"" + e + "\" (FLU, BRONCHIOLITIS ou COVID)"));
                }
            }
        }
        if (d.emdn() != null && !EMDN.matcher(d.emdn()).matches()) {
            v.add(new Violation(label, "emdn", "code EMDN invalide \"" + d.emdn() + "\" (une lettre suivie de chiffres, ex. R0302)"));
        }
        checkMonthDay(v, label, "season.start", d.seasonStart());
        checkMonthDay(v, label, "season.end", d.seasonEnd());
        Integer warning = checkDays(v, label, "thresholds.warningDays", d.warningDays());
        Integer critical = checkDays(v, label, "thresholds.criticalDays", d.criticalDays());
        if (warning != null && critical != null && critical >= warning) {
            v.add(new Violation(label, "thresholds.criticalDays",
                    "doit être inférieur à warningDays (" + critical + " >= " + warning + ")"));
        }
        return v;
    }

    private static String label(WatchlistDraft d, int index) {
        return d.deviceId() != null && !d.deviceId().isBlank() ? d.deviceId() : "#" + (index + 1);
    }

    private static void checkMonthDay(List<Violation> v, String label, String field, String value) {
        if (value == null) {
            v.add(new Violation(label, field, "obligatoire (MM-JJ)"));
            return;
        }
        if (parseMonthDay(value) == null) {
            v.add(new Violation(label, field, "date MM-JJ invalide \"" + value + "\""));
        }
    }

    private static Integer checkDays(List<Violation> v, String label, String field, String value) {
        if (value == null) {
            v.add(new Violation(label, field, "obligatoire (nombre entier de jours)"));
            return null;
        }
        int days;
        try {
            days = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            v.add(new Violation(label, field, "nombre entier de jours attendu (reçu \"" + value + "\")"));
            return null;
        }
        if (days <= 0 || days > MAX_DAYS) {
            v.add(new Violation(label, field, "doit être compris entre 1 et " + MAX_DAYS + " (reçu " + days + ")"));
            return null;
        }
        return days;
    }

    private static MonthDay parseMonthDay(String value) {
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

    private static WatchlistEntry toEntry(WatchlistDraft d) {
        Set<Epidemic> epidemics = EnumSet.noneOf(Epidemic.class);
        d.epidemics().forEach(e -> epidemics.add(Epidemic.valueOf(e)));
        return new WatchlistEntry(d.deviceId(), d.name(), epidemics, d.unit(), d.emdn(), d.references(),
                new SeasonWindow(parseMonthDay(d.seasonStart()), parseMonthDay(d.seasonEnd())),
                new Thresholds(Integer.parseInt(d.warningDays().trim()), Integer.parseInt(d.criticalDays().trim())),
                d.active() == null || d.active());
    }
}
