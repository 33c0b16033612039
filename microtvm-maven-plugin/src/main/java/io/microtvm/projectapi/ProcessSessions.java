package io.microtvm.projectapi;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Servers run in a session of their own (setsid), so everything they start can be found by session
 * id, however quickly it was orphaned: a process keeps its session when its parent dies, unlike its
 * place among the server's descendants. Linux only (setsid from util-linux and /proc); elsewhere
 * the descendant tracking of {@link ServerProcess} is all there is. A process that calls setsid
 * itself (a daemon) leaves the session and is not found this way.
 */
final class ProcessSessions {

    private static final Path PROC = Path.of("/proc");
    private static final Optional<String> SETSID = findSetsid();

    private ProcessSessions() {
    }

    /** The setsid program that starts a server as the leader of a new session; empty where there is none. */
    static Optional<String> setsid() {
        return SETSID;
    }

    private static Optional<String> findSetsid() {
        if (!Files.isDirectory(PROC.resolve("self"))) {
            return Optional.empty();
        }
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            Path path = Path.of(candidate);
            if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The live processes of session {@code sessionId}; empty when the process table cannot be read. */
    static List<ProcessHandle> members(long sessionId) {
        List<ProcessHandle> members = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                if (sessionOf(entry) == sessionId) {
                    ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(members::add);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no process table: the tracked descendants are all that can be found
        }
        return members;
    }

    /** Field 6 of /proc/PID/stat; -1 when the process is gone or the line is not understood. */
    private static long sessionOf(Path procEntry) {
        String stat;
        try {
            stat = Files.readString(procEntry.resolve("stat"));
        } catch (IOException | RuntimeException e) {
            return -1; // exited meanwhile
        }
        // "pid (comm) state ppid pgrp session ...": comm may hold spaces and parentheses
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            return -1;
        }
        String[] fields = stat.substring(end + 1).trim().split(" ");
        if (fields.length < 4) {
            return -1;
        }
        try {
            return Long.parseLong(fields[3]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
