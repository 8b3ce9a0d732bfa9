package de.tomaudit.parse.nginx;

import java.util.List;

/**
 * Where the configuration files come from: the target's file system, or the sections of an
 * {@code nginx -T} dump. Paths are absolute.
 */
public interface NginxSource {

    /** The text of one file. */
    String read(String path) throws NginxSourceException;

    /** The files matching a glob ({@code *}, {@code ?}, {@code [..]} within one path component), sorted. */
    List<String> glob(String pattern) throws NginxSourceException;
}
