package fr.vigie.domain.forecast;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.SeasonWindow;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;

import java.time.Duration;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Runs a series through the evaluator as the coverage-evaluation use case does, one snapshot at a time. */
final class Replay {

    static final WatchlistEntry ENTRY = new WatchlistEntry("NEB-MASK-PED", "Masque nebulisation pediatrique",
            Set.of(Epidemic.BRONCHIOLITIS), "piece", null, List.of(),
            new SeasonWindow(MonthDay.of(9, 1), MonthDay.of(4, 30)), new Thresholds(14, 7), true);

    final List<AlertEvent> events = new ArrayList<>();
    final List<Evaluation> evaluations = new ArrayList<>();
    int stateChanges;
    AlertState state = AlertState.CALM;

    static Replay of(List<Snapshot> snapshots) {
        return of(snapshots, SupplyOutlook.NORMAL);
    }

    static Replay of(List<Snapshot> snapshots, SupplyOutlook outlook) {
        Replay r = new Replay();
        SeriesEvaluator evaluator = new SeriesEvaluator();
        for (int i = 0; i < snapshots.size(); i++) {
            Snapshot latest = snapshots.get(i);
            List<Snapshot> history = snapshots.subList(0, i + 1).stream()
                    .filter(s -> !s.timestamp().isBefore(latest.timestamp().minus(Duration.ofDays(SeriesEvaluator.HISTORY_DAYS))))
                    .toList();
            Evaluation e = evaluator.evaluate(ENTRY, history, r.state, outlook);
            if (!e.state().equals(r.state)) {
                r.stateChanges++;
            }
            r.state = e.state();
            r.evaluations.add(e);
            e.event().ifPresent(r.events::add);
        }
        return r;
    }

    /** The day (from the simulation's start) of the first event at {@code level}, or -1. */
    int firstDay(AlertLevel level) {
        return events.stream().filter(e -> e.level() == level).findFirst()
                .map(e -> (int) Duration.between(SimulatedHospital.at(0), e.at()).toDays()).orElse(-1);
    }

    boolean openOn(int day) {
        boolean open = false;
        for (AlertEvent e : events) {
            if (Duration.between(SimulatedHospital.at(0), e.at()).toDays() > day) {
                break;
            }
            open = e.level().isOpen();
        }
        return open;
    }

    Assessment last() {
        return evaluations.get(evaluations.size() - 1).assessment();
    }
}
