package de.tomaudit.target;

/** One name in a directory listing. */
public record DirEntry(String name, FileStat.Type type) { }
