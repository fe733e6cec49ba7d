package fr.vigie.local;

import fr.vigie.adapter.feed.DocumentKind;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command line's files, refused with a {@link UsageException} (exit 2) that names the file and
 * what to fix before anything is run: input files read whole (watch-list, notices, epidemic signal)
 * must exist, be UTF-8 (spec: every format is UTF-8) and not exceed their size cap; an output file's
 * folders are created, or the path is refused when they cannot be.
 */
final class LocalFiles {

    private LocalFiles() {
    }

    /**
     * The whole text of {@code file}, strictly UTF-8 (a byte-order mark is left to the parser).
     *
     * @param what     the file's role in French, as messages name it ("liste surveillée", "fichier d'avis")
     * @param maxBytes the size above which the file is refused ({@code Long.MAX_VALUE}: no cap)
     * @param expected what the file should be, named when it is a document of another kind from its first bytes
     * @throws UsageException missing, a folder, unreadable, larger than {@code maxBytes}, a gzip, a zip (.xlsx) or
     *                        UTF-16 ({@link DocumentKind}), or else not UTF-8 (with the line and the first offending byte)
     */
    static String readText(Path file, String what, long maxBytes, DocumentKind.Expected expected) throws UsageException {
        notAFolder(file, what);
        byte[] bytes;
        try {
            if (Files.size(file) > maxBytes) {
                throw new UsageException(what + " trop volumineux : " + file + " dépasse la limite de " + maxBytes / 1024
                        + " Kio (" + Files.size(file) / 1024 + " Kio) : scindez-le");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException(what + " introuvable : " + file);
        } catch (IOException e) {
            throw new UsageException(what + " illisible : " + file + " (" + e.getMessage() + ")");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            DocumentKind kind = DocumentKind.of(new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.UTF_8));
            if (kind == DocumentKind.GZIP || kind == DocumentKind.ZIP || kind == DocumentKind.NOT_UTF8 && at < 4) {
                // refused at its first bytes: the whole file is of another kind (a byte-order mark FF FE is UTF-16's)
                throw new UsageException(what + " " + file + " : " + kind.refusal(expected, ""));
            }
            long line = 1;
            for (int i = 0; i < at; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new UsageException(what + " " + file + ", ligne " + line + " : octet 0x"
                    + String.format("%02X", bytes[at] & 0xFF) + " hors UTF-8 ; enregistrez le fichier en UTF-8"
                    + (file.toString().endsWith(".csv") ? " (dans un tableur : « CSV UTF-8 »)" : ""));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /**
     * Refuses an input that is a folder (a feed's folder given for the feed), which Java would only refuse
     * on the first read, as an unexplained failure (exit 1).
     *
     * @param what the file's role in French, as messages name it
     * @throws UsageException when {@code file} is a folder
     */
    static void notAFolder(Path file, String what) throws UsageException {
        if (Files.isDirectory(file)) {
            throw new UsageException(what + " : " + file + " est un dossier, un fichier est attendu");
        }
    }

    /**
     * {@code file}, once the folders it goes in exist (created when missing, as {@code mkdir -p}).
     *
     * @param option the option that named it, for the message
     * @throws UsageException when a folder cannot be created (a file in the way, no permission)
     */
    static Path output(Path file, String option) throws UsageException {
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UsageException(option + " " + file + " : impossible de créer le dossier " + parent + " : " + reason(e));
        }
        if (Files.isDirectory(file)) {
            throw new UsageException(option + " " + file + " est un dossier : un nom de fichier est attendu");
        }
        return file;
    }

    /**
     * Refuses an output file that is an input, or an output named before it: writing it would destroy what the
     * command reads ({@code --alerts feed.csv} emptied the hospital's feed, {@code --summary} the alerts).
     *
     * @param outputs option to path ({@code --alerts}, {@code --summary}), in the order they are written
     * @param inputs  how messages name each input ("le fichier de relevés (--feed)") to its path
     * @throws UsageException naming the output and the file it would overwrite
     */
    static void overwritesNothingRead(Map<String, Path> outputs, Map<String, Path> inputs) throws UsageException {
        Map<String, Path> taken = new LinkedHashMap<>(inputs);
        for (Map.Entry<String, Path> out : outputs.entrySet()) {
            for (Map.Entry<String, Path> other : taken.entrySet()) {
                if (sameFile(out.getValue(), other.getValue())) {
                    throw new UsageException(out.getKey() + " " + out.getValue() + " est aussi " + other.getKey()
                            + " : il serait écrasé ; choisissez un autre nom");
                }
            }
            taken.put(out.getKey(), out.getValue());
        }
    }

    private static boolean sameFile(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            // another spelling of one file: a link, "./", a case-insensitive file system
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code folder}, created when missing (as {@code mkdir -p}); refused when it cannot be. */
    static Path folder(Path folder, String option) throws UsageException {
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UsageException(option + " " + folder + " : impossible de créer ce dossier : " + reason(e));
        }
    }

    /** Why a file operation failed, in French where Java says it in English. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException
                || e instanceof java.nio.file.FileSystemException f && "Not a directory".equals(f.getReason())) {
            return "un élément du chemin est un fichier, pas un dossier";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "accès refusé";
        }
        return "refusé par le système (" + e + ")";
    }
}
