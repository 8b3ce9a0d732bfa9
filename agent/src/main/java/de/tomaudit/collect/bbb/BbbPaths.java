package de.tomaudit.collect.bbb;

import java.util.List;

/** Where a BigBlueButton 2.x/3.x installation keeps what the pack reads (Debian/Ubuntu packages). */
final class BbbPaths {
    static final String WEB_DEFAULTS = "/usr/share/bbb-web/WEB-INF/classes/bigbluebutton.properties";
    static final String WEB_OVERRIDE = "/etc/bigbluebutton/bbb-web.properties";
    static final String RELEASE = "/etc/bigbluebutton/bigbluebutton-release";
    static final String AKKA = "/etc/bigbluebutton/bbb-apps-akka.conf";
    static final String RECORDING_DEFAULTS = "/usr/local/bigbluebutton/core/scripts/bigbluebutton.yml";
    static final String RECORDING_OVERRIDE = "/etc/bigbluebutton/recording/recording.yml";
    static final String CRON = "/etc/cron.daily/bigbluebutton";
    static final String CRON_OVERRIDE = "/etc/default/bigbluebutton-cron-config";
    static final List<String> OTHER_CRON = List.of("/etc/cron.daily/*", "/etc/cron.d/*", "/etc/crontab",
            "/var/spool/cron/crontabs/*");
    static final List<String> FREESWITCH_CONF = List.of("/opt/freeswitch/etc/freeswitch", "/opt/freeswitch/conf");
    static final String ESL = "/autoload_configs/event_socket.conf.xml";
    static final String SIP_EXTERNAL = "/sip_profiles/external.xml";
    static final String FS_VARS = "/vars.xml";
    static final String COTURN = "/etc/turnserver.conf";
    static final String TURN_STUN_DEFAULTS = "/usr/share/bbb-web/WEB-INF/classes/spring/turn-stun-servers.xml";
    static final String TURN_STUN_OVERRIDE = "/etc/bigbluebutton/turn-stun-servers.xml";
    static final String LOGBACK = "/usr/share/bbb-web/WEB-INF/classes/logback.xml";

    static final String RECORDING_DIR = "/var/bigbluebutton/recording";
    static final String PUBLISHED_DIR = "/var/bigbluebutton/published";
    static final String UNPUBLISHED_DIR = "/var/bigbluebutton/unpublished";
    static final String EVENTS_DIR = "/var/bigbluebutton/events";

    private BbbPaths() { }
}
