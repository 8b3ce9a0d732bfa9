package de.tomaudit.parse.ejabberd;

import java.util.Map;

/**
 * Option defaults of ejabberd 23.01 as Debian 12 ships it, read from the release's own beams
 * ({@code ejabberd_options:options/0}, {@code ejabberd_listener}/{@code ejabberd_c2s:listen_options/0} and
 * {@code Module:mod_options/1}), not from documentation of other releases.
 */
public final class Ejabberd2301Defaults {
    public static final String SOURCE = "default: ejabberd 23.01";

    /** Top-level options. */
    public static final Map<String, String> GLOBAL = Map.ofEntries(
            Map.entry("auth_password_format", "plain"),
            Map.entry("auth_scram_hash", "sha"),
            Map.entry("auth_method", "mnesia"),
            Map.entry("hide_sensitive_log_data", "false"),
            Map.entry("loglevel", "info"),
            Map.entry("log_rotate_count", "1"),
            Map.entry("log_rotate_size", "10485760"),
            Map.entry("s2s_use_starttls", "false"),
            Map.entry("default_db", "mnesia"));

    /** mod_mam: archiving preference for users who set none. */
    public static final String MAM_DEFAULT = "never";
    public static final String MAM_DB_TYPE = "mnesia";
    /** mod_register. */
    public static final String REGISTER_ACCESS = "all";
    public static final String REGISTER_IP_ACCESS = "all";
    public static final boolean REGISTER_CAPTCHA = false;
    /** mod_http_upload: {@code @HOME@} is the home directory of the user ejabberd runs as. */
    public static final String UPLOAD_DOCROOT = "@HOME@/upload";
    /** mod_http_upload_quota: files are never deleted. */
    public static final String UPLOAD_MAX_DAYS = "infinity";
    /** Listeners. */
    public static final String LISTEN_IP = "0.0.0.0";

    private Ejabberd2301Defaults() { }
}
