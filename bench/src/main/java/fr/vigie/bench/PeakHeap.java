package fr.vigie.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Runs {@code ./vigie}'s own main ({@code fr.vigie.local.Main}) with its arguments and, when the JVM
 * exits, prints one line {@code peak-heap used=<bytes> max=<bytes>}: the sum of each heap pool's
 * peak use (an upper bound: the pools need not peak together). The memory bench reads it, and the
 * GC log, from the child JVM it starts with -Xmx256m.
 */
public final class PeakHeap {

    private PeakHeap() {
    }

    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.err.println("peak-heap used=" + peak + " max=" + Runtime.getRuntime().maxMemory());
        }));
        Class.forName("fr.vigie.local.Main").getMethod("main", String[].class).invoke(null, (Object) args);
    }
}
