#!/bin/sh
# tomaudit collect.sh: collects what tomaudit's collectors read, for an offline audit.
#
# GENERATED from the collectors' plans by `tomaudit audit --dry-run --format sh`: do not edit;
# regenerate with `scripts/tomaudit audit --dry-run --format sh > scripts/collect.sh`.
#
#   sh collect.sh [OUTPUT.tar.gz | -]
#
# Writes a bundle (default ./tomaudit-bundle-HOST-TIME.tar.gz; "-" writes it to stdout, e.g.
# `ssh admin@host 'sh -s -- -' < collect.sh > host.tar.gz`), then audit it anywhere with
# `tomaudit audit bundle:host.tar.gz`. POSIX sh: dash, bash, busybox ash (Debian, Ubuntu, Alpine).
#
# Read-only: it reads the planned files, lists the planned directories and runs only the
# allow-listed commands below (no shell, C locale, 15 s each, stdin from /dev/null); it writes
# only to a private temporary directory and the bundle (mode 0600: configuration files can hold
# secrets). Without root, what is denied is recorded as denied, as an audit over SSH would see it.
#
# Environment: TOMAUDIT_MAX_FILE_BYTES (default 4194304), TOMAUDIT_MAX_OUTPUT_BYTES (8388608),
# TOMAUDIT_COMMAND_TIMEOUT (15 s), TOMAUDIT_MAX_TREE_ENTRIES (10000), and for tests and mounted
# images TOMAUDIT_COLLECT_ROOT=DIR: look for the files under DIR instead of / and run no command
# (absolute symlinks inside DIR then point at this machine's files: prefer `tomaudit audit dir:DIR`).

set -u
umask 077
LC_ALL=C
LANG=C
export LC_ALL LANG

FORMAT='tomaudit-bundle 1'
TOOL='tomaudit collect.sh (plan sha256:3001e2301ee4a0eb)'
CMD_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
MAX_FILE_BYTES=${TOMAUDIT_MAX_FILE_BYTES:-4194304}
MAX_OUTPUT_BYTES=${TOMAUDIT_MAX_OUTPUT_BYTES:-8388608}
COMMAND_TIMEOUT=${TOMAUDIT_COMMAND_TIMEOUT:-15}
MAX_TREE_ENTRIES=${TOMAUDIT_MAX_TREE_ENTRIES:-10000}
R=${TOMAUDIT_COLLECT_ROOT:-}
R=${R%/}
TAB=$(printf '\t')
NL='
'

say() { printf 'collect.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 2; }

for _n in "$MAX_FILE_BYTES" "$MAX_OUTPUT_BYTES" "$COMMAND_TIMEOUT" "$MAX_TREE_ENTRIES"; do
    case $_n in '' | *[!0-9]*) die "the TOMAUDIT_* limits take whole numbers, not '$_n'" ;; esac
done
for _tool in cat date find head id mkdir mktemp rm sha256sum sort stat tar tr uname wc; do
    command -v "$_tool" >/dev/null 2>&1 || die "needs '$_tool' (coreutils, findutils, tar; or busybox)"
done
if [ -n "$R" ] && [ ! -d "$R" ]; then
    die "TOMAUDIT_COLLECT_ROOT=$R is not a directory"
fi
TIMEOUT=$(command -v timeout 2>/dev/null || true)

OUT=${1:-tomaudit-bundle-$(uname -n)-$(date -u +%Y%m%dT%H%M%SZ).tar.gz}
case $OUT in
    - | /*) ;;
    *) OUT=$(pwd)/$OUT ;;
esac
STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
STAGE=$(mktemp -d "${TMPDIR:-/tmp}/tomaudit-collect.XXXXXX") || die "cannot create a temporary directory"
trap 'rm -rf "$STAGE"' EXIT
trap 'exit 130' HUP INT TERM
mkdir "$STAGE/files" "$STAGE/commands" || die "cannot write to $STAGE"
: >"$STAGE/index"
: >"$STAGE/listed"
UP_SEEN=$NL
MADE=$NL

# rec FIELD...: one tab-separated record in the index.
rec() {
    _rec=$1
    shift
    for _f in "$@"; do
        _rec=$_rec$TAB$_f
    done
    printf '%s\n' "$_rec" >>"$STAGE/index"
}

# ok_name NAME: names with a tab or newline cannot be recorded; they are skipped with a warning.
ok_name() {
    case $1 in
        *"$TAB"* | *"$NL"*)
            say "skipped a name with a tab or newline in it"
            return 1
            ;;
    esac
    return 0
}

# t_fail OP PATH: records why OP failed on PATH, from the error message in $STAGE/err (the text
# only for other errors than denied and loop, whose wording differs between coreutils and busybox).
t_fail() {
    _e=
    IFS= read -r _e <"$STAGE/err"
    case $_e in
        *"Permission denied"*) rec error "$1" "$2" denied - ;;
        *"Too many levels of symbolic links"* | *"Symbolic link loop"*) rec error "$1" "$2" loop - ;;
        *) rec error "$1" "$2" io "$(printf '%s' "$_e" | tr '\t\r' '  ')" ;;
    esac
}

# t_is PATH: whether a glob match exists (an unmatched glob stays as written).
t_is() {
    [ -e "$1" ] || [ -L "$1" ]
}

# t_stat PATH: t_stat1 for PATH, then for each directory above it (once per run), for collectors
# that check who can reach a file. Sets ty and size for PATH; returns 1 when there is nothing.
t_stat() {
    t_stat1 "$1"
    _rc=$?
    _ty=$ty
    _size=$size
    _u=${1%/*}
    while [ -n "$_u" ]; do
        case $UP_SEEN in
            *"$NL$_u$NL"*) break ;;
        esac
        UP_SEEN=$UP_SEEN$_u$NL
        t_stat1 "$_u"
        _u=${_u%/*}
    done
    ty=$_ty
    size=$_size
    return $_rc
}

# t_stat1 PATH: records PATH's metadata (symlinks followed), that it is absent, or why stat failed.
# Sets ty (f, d or o; empty when there is nothing) and size; returns 1 when there is nothing.
t_stat1() {
    ty=
    size=0
    ok_name "$1" || return 1
    if _st=$(stat -L -c "%a$TAB%U$TAB%G$TAB%s$TAB%Y$TAB%u$TAB%g" -- "$R$1" 2>"$STAGE/err"); then
        IFS=$TAB read -r _mode _owner _group size _mtime _uid _gid <<EOS
$_st
EOS
        [ "$_owner" = UNKNOWN ] && _owner=$_uid
        [ "$_group" = UNKNOWN ] && _group=$_gid
        if [ -d "$R$1" ]; then
            ty=d
        elif [ -f "$R$1" ]; then
            ty=f
        else
            ty=o
        fi
        rec stat "$1" "$ty" "$_mode" "$_owner" "$_group" "$size" "$_mtime"
        return 0
    fi
    _e=
    IFS= read -r _e <"$STAGE/err"
    case $_e in
        *"No such file or directory"* | *"Not a directory"*) rec absent "$1" ;;
        *) t_fail stat "$1" ;;
    esac
    return 1
}

# t_read PATH: stat, then the content of a regular file of at most MAX_FILE_BYTES (a file that
# grows past it while read is cut off by the agent's own limit).
t_read() {
    t_stat "$1" || return 0
    [ "$ty" = f ] || return 0
    _dest=$STAGE/files$1
    [ -e "$_dest" ] && return 0
    if [ "$size" -gt "$MAX_FILE_BYTES" ]; then
        rec error read "$1" toolarge "$size"
        return 0
    fi
    _dir=${_dest%/*}
    case $MADE in
        *"$NL$_dir$NL"*) ;;
        *)
            mkdir -p "$_dir" || die "cannot write to $STAGE"
            MADE=$MADE$_dir$NL
            ;;
    esac
    if ! cat -- "$R$1" >"$_dest" 2>"$STAGE/err"; then
        rm -f "$_dest"
        t_fail read "$1"
    fi
}

# t_list DIR: stat, then the names in DIR with their types (symlinks not followed).
t_list() {
    t_stat "$1" || return 0
    [ "$ty" = d ] || return 0
    while IFS= read -r _l; do
        [ "$_l" = "$1" ] && return 0
    done <"$STAGE/listed"
    printf '%s\n' "$1" >>"$STAGE/listed"
    if [ ! -r "$R$1" ] || [ ! -x "$R$1" ]; then
        rec error list "$1" denied -
        return 0
    fi
    rec list "$1"
    _b=${1%/}
    for _e in "$R$_b"/* "$R$_b"/.[!.]* "$R$_b"/..?*; do
        t_is "$_e" || continue
        _name=${_e##*/}
        ok_name "$_name" || continue
        if [ -L "$_e" ]; then
            _t=l
        elif [ -d "$_e" ]; then
            _t=d
        elif [ -f "$_e" ]; then
            _t=f
        else
            _t=o
        fi
        rec entry "$1" "$_t" "$_name"
    done
}

# t_tree DIR: every directory listed and every file read below DIR (symlinked directories are
# not entered), at most MAX_TREE_ENTRIES entries.
t_tree() {
    t_list "$1"
    [ "$ty" = d ] || return 0
    find "$R$1" 2>/dev/null | head -n "$MAX_TREE_ENTRIES" >"$STAGE/tree"
    while IFS= read -r _f; do
        [ "$_f" = "$R$1" ] && continue
        _p=${_f#"$R"}
        if [ -d "$_f" ] && [ ! -L "$_f" ]; then
            t_list "$_p"
        else
            t_read "$_p"
        fi
    done <"$STAGE/tree"
}

# t_locate NAME: the executable as the agent would find it (fixed PATH, no shell functions).
t_locate() {
    for _d in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
        if [ -f "$_d/$1" ] && [ -x "$_d/$1" ]; then
            printf '%s\n' "$_d/$1"
            return 0
        fi
    done
    return 1
}

# t_run ID ARGV...: one allow-listed command; stdout, stderr and exit code go into the bundle.
t_run() {
    _id=$1
    shift
    _line=$*
    if [ -n "$R" ]; then
        rec run "$_id" skipped 0 "$_line"
        return 0
    fi
    if ! _exe=$(t_locate "$1"); then
        rec run "$_id" missing 127 "$_line"
        return 0
    fi
    shift
    _t0=$(date +%s)
    if [ -n "$TIMEOUT" ]; then
        PATH=$CMD_PATH "$TIMEOUT" "$COMMAND_TIMEOUT" "$_exe" "$@" </dev/null >"$STAGE/out" 2>"$STAGE/err"
    else
        PATH=$CMD_PATH "$_exe" "$@" </dev/null >"$STAGE/out" 2>"$STAGE/err"
    fi
    _rc=$?
    _t1=$(date +%s)
    case $_rc in
        124 | 137 | 143)
            if [ -n "$TIMEOUT" ] && [ $((_t1 - _t0)) -ge "$COMMAND_TIMEOUT" ]; then
                rec run "$_id" timeout "$_rc" "$_line"
                return 0
            fi
            ;;
    esac
    head -c "$MAX_OUTPUT_BYTES" "$STAGE/out" >"$STAGE/commands/$_id.out"
    head -c "$MAX_OUTPUT_BYTES" "$STAGE/err" >"$STAGE/commands/$_id.err"
    rec run "$_id" ok "$_rc" "$_line"
}

# t_finish: the manifest (host, time, tool, user, sha256 of every entry), then the tar.gz.
t_finish() {
    {
        printf '%s\n' "$FORMAT"
        printf 'host\t%s\n' "$(uname -n)"
        printf 'time\t%s\n' "$STARTED"
        printf 'tool\t%s\n' "$TOOL"
        printf 'user\t%s\n' "$(id -un 2>/dev/null || id -u)"
        if [ -n "$R" ]; then
            printf 'commands\tno\n'
            printf 'root\t%s\n' "$R"
        else
            printf 'commands\tyes\n'
        fi
        (cd "$STAGE" && find index files commands -type f | sort) | while IFS= read -r _f; do
            _h=$(sha256sum <"$STAGE/$_f")
            printf 'sha256\t%s\t%s\n' "${_h%% *}" "$_f"
        done
    } >"$STAGE/manifest"
    tar -czf "$OUT" -C "$STAGE" manifest index files commands || die "could not write $OUT"
    if [ "$OUT" != - ]; then
        say "wrote $OUT ($(wc -l <"$STAGE/index" | tr -d ' ') index records)"
    fi
}

# ---- the plan: generated from the collectors' PlannedAccess lists ------------------------------

# detect: mastodon
t_stat '/home/mastodon/live/.env.production'

# detect: mastodon
t_stat '/home/mastodon/live/config/application.rb'

# detect: mastodon
t_stat '/etc/systemd/system/mastodon-web.service'

# detect: mastodon
t_stat '/lib/systemd/system/mastodon-web.service'

# detect: mastodon
t_stat '/etc/systemd/system/mastodon-sidekiq.service'

# detect: mastodon
t_stat '/opt/mastodon/.env.production'

# detect: mastodon
t_stat '/srv/mastodon/.env.production'

# detect: mastodon
t_stat '/home/mastodon/mastodon/.env.production'

# detect: prosody
t_stat '/etc/prosody/prosody.cfg.lua'

# detect: ejabberd
t_stat '/etc/ejabberd/ejabberd.yml'

# detect: ejabberd
t_stat '/opt/ejabberd/conf/ejabberd.yml'

# detect: bbb
t_stat '/usr/share/bbb-web/WEB-INF/classes/bigbluebutton.properties'

# detect: bbb
t_stat '/etc/bigbluebutton/bbb-web.properties'

# apt: installed packages (unattended-upgrades)
t_read '/var/lib/dpkg/status'

# apt: apt configuration parts
t_list '/etc/apt/apt.conf.d'

# apt: APT::Periodic and Unattended-Upgrade settings
t_list '/etc/apt/apt.conf.d'
for p1 in "$R"'/etc/apt/apt.conf.d'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# apt: main apt configuration
t_read '/etc/apt/apt.conf'

# apt: pending package updates (simulation, changes nothing)
t_run apt-simulate-upgrade 'apt-get' '-s' '-o' 'Debug::NoLocking=true' 'dist-upgrade'

# apt: security package indexes (plain, gzip or lz4): pending security updates
t_list '/var/lib/apt/lists'
for p1 in "$R"'/var/lib/apt/lists'/*security*_Packages*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# apt: when the package lists were fetched
t_list '/var/lib/apt/lists'
for p1 in "$R"'/var/lib/apt/lists'/*Release; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_stat "$p1"
done

# apt: when apt's daily jobs last ran
t_list '/var/lib/apt/periodic'
for p1 in "$R"'/var/lib/apt/periodic'/*-stamp; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_stat "$p1"
done

# apt: last run of unattended-upgrades
t_read '/var/log/unattended-upgrades/unattended-upgrades.log'

# apt: time zone of the unattended-upgrades log
t_read '/etc/timezone'

# backup: system crontab
t_read '/etc/crontab'

# backup: package and admin crontabs
t_list '/etc/cron.d'

# backup: package and admin crontabs
t_list '/etc/cron.d'
for p1 in "$R"'/etc/cron.d'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# backup: user crontabs
t_list '/var/spool/cron/crontabs'

# backup: user crontabs
t_list '/var/spool/cron/crontabs'
for p1 in "$R"'/var/spool/cron/crontabs'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# backup: hourly run-parts scripts
t_list '/etc/cron.hourly'

# backup: hourly run-parts scripts
t_list '/etc/cron.hourly'
for p1 in "$R"'/etc/cron.hourly'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# backup: daily run-parts scripts
t_list '/etc/cron.daily'

# backup: daily run-parts scripts
t_list '/etc/cron.daily'
for p1 in "$R"'/etc/cron.daily'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# backup: weekly run-parts scripts
t_list '/etc/cron.weekly'

# backup: weekly run-parts scripts
t_list '/etc/cron.weekly'
for p1 in "$R"'/etc/cron.weekly'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# backup: monthly run-parts scripts
t_list '/etc/cron.monthly'

# backup: monthly run-parts scripts
t_list '/etc/cron.monthly'
for p1 in "$R"'/etc/cron.monthly'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# backup: enabled systemd timers
t_list '/etc/systemd/system'
for p1 in "$R"'/etc/systemd/system'/*.wants; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_list "$p1"
done

# backup: timer schedules
t_list '/etc/systemd/system'
for p1 in "$R"'/etc/systemd/system'/*.timer; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# backup: what the timers start (ExecStart, Environment, User)
t_list '/etc/systemd/system'
for p1 in "$R"'/etc/systemd/system'/*.service; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# backup: timer schedules
t_list '/lib/systemd/system'
for p1 in "$R"'/lib/systemd/system'/*.timer; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# backup: what the timers start (ExecStart, Environment, User)
t_list '/lib/systemd/system'
for p1 in "$R"'/lib/systemd/system'/*.service; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# backup: timer schedules
t_list '/usr/lib/systemd/system'
for p1 in "$R"'/usr/lib/systemd/system'/*.timer; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# backup: what the timers start (ExecStart, Environment, User)
t_list '/usr/lib/systemd/system'
for p1 in "$R"'/usr/lib/systemd/system'/*.service; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# backup: unit drop-ins
t_list '/etc/systemd/system'
for p1 in "$R"'/etc/systemd/system'/*.d; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_list "$p1"
    for p2 in "$R$p1"/*.conf; do
        t_is "$p2" || continue
        p2=${p2#"$R"}
        t_read "$p2"
    done
done

# backup: home directories of job users
t_read '/etc/passwd'

# backup: backup tools inside job scripts, one level deep
# known only from the target's data: (absolute paths of scripts the jobs call); not collected beyond the entries here
# (each stat also records the directories above its path)

# backup: rsnapshot snapshot_root
t_read '/etc/rsnapshot.conf'

# backup: borgmatic repositories
t_read '/etc/borgmatic/config.yaml'

# backup: borgmatic repositories
t_list '/etc/borgmatic.d'
for p1 in "$R"'/etc/borgmatic.d'/*.yaml; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# backup: borgmatic repositories
t_list '/etc/borgmatic.d'
for p1 in "$R"'/etc/borgmatic.d'/*.yml; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# backup: newest backup artefact and its age
# known only from the target's data: (backup locations the jobs name); not collected beyond the entries here
# (each stat also records the directories above its path)

# backup: borg repository per security directory
t_list '/root/.config/borg/security'
for p1 in "$R"'/root/.config/borg/security'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"'/location'
done

# backup: borg encryption mode per repository
t_list '/root/.config/borg/security'
for p1 in "$R"'/root/.config/borg/security'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"'/key-type'
done

# backup: borg encryption mode for jobs of other users
t_list '/home'
for p1 in "$R"'/home'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_list "$p1"'/.config/borg/security'
    for p2 in "$R$p1"'/.config/borg/security'/*; do
        t_is "$p2" || continue
        p2=${p2#"$R"}
        t_list "$p2"
        for p3 in "$R$p2"/*; do
            t_is "$p3" || continue
            p3=${p3#"$R"}
            t_read "$p3"
        done
    done
done

# backup: borgmatic repositories of root
t_read '/root/.config/borgmatic/config.yaml'

# bbb: bbb-web's default settings
t_read '/usr/share/bbb-web/WEB-INF/classes/bigbluebutton.properties'

# bbb: bbb-web's settings that override the defaults (shared secret: hashed; where the target has a network address it signs getMeetings and getRecordings, counts only)
t_read '/etc/bigbluebutton/bbb-web.properties'

# bbb: BigBlueButton's release
t_read '/etc/bigbluebutton/bigbluebutton-release'

# bbb: akka-apps' settings (HOCON; shared secret: hashed)
t_read '/etc/bigbluebutton/bbb-apps-akka.conf'

# bbb: akka-apps' defaults, included by bbb-apps-akka.conf
t_read '/usr/share/bbb-apps-akka/conf/application.conf'

# bbb: recording scripts' settings (directories)
t_read '/usr/local/bigbluebutton/core/scripts/bigbluebutton.yml'

# bbb: recording scripts' overrides
t_read '/etc/bigbluebutton/recording/recording.yml'

# bbb: BigBlueButton's daily cleanup (read, never run)
t_read '/etc/cron.daily/bigbluebutton'

# bbb: its variables (shell assignments, never run)
t_read '/etc/default/bigbluebutton-cron-config'

# bbb: FreeSWITCH event socket (listen address; password: hashed)
t_read '/opt/freeswitch/etc/freeswitch/autoload_configs/event_socket.conf.xml'

# bbb: FreeSWITCH external SIP profile
t_read '/opt/freeswitch/etc/freeswitch/sip_profiles/external.xml'

# bbb: FreeSWITCH variables used by both
t_read '/opt/freeswitch/etc/freeswitch/vars.xml'

# bbb: FreeSWITCH's log file levels (debug or not)
t_read '/opt/freeswitch/etc/freeswitch/autoload_configs/logfile.conf.xml'

# bbb: FreeSWITCH event socket (listen address; password: hashed)
t_read '/opt/freeswitch/conf/autoload_configs/event_socket.conf.xml'

# bbb: FreeSWITCH external SIP profile
t_read '/opt/freeswitch/conf/sip_profiles/external.xml'

# bbb: FreeSWITCH variables used by both
t_read '/opt/freeswitch/conf/vars.xml'

# bbb: FreeSWITCH's log file levels (debug or not)
t_read '/opt/freeswitch/conf/autoload_configs/logfile.conf.xml'

# bbb: nginx locations BigBlueButton's vhost includes (2.x)
t_list '/etc/bigbluebutton/nginx'
for p1 in "$R"'/etc/bigbluebutton/nginx'/*.nginx; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# bbb: nginx locations BigBlueButton's vhost includes (3.x)
t_list '/usr/share/bigbluebutton/nginx'
for p1 in "$R"'/usr/share/bigbluebutton/nginx'/*.nginx; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# bbb: bbb-web's logback: loggers at DEBUG, rotation (MaxHistory)
t_read '/usr/share/bbb-web/WEB-INF/classes/logback.xml'

# bbb: bbb-webrtc-sfu's defaults (log.level)
t_read '/usr/local/bigbluebutton/bbb-webrtc-sfu/config/default.yml'

# bbb: bbb-webrtc-sfu's overrides (log.level)
t_read '/etc/bigbluebutton/bbb-webrtc-sfu/production.yml'

# bbb: coturn (TLS, authentication, peer restrictions)
t_read '/etc/turnserver.conf'

# bbb: STUN/TURN servers given to clients (processors)
t_read '/etc/bigbluebutton/turn-stun-servers.xml'

# bbb: STUN/TURN servers given to clients (processors)
t_read '/usr/share/bbb-web/WEB-INF/classes/spring/turn-stun-servers.xml'

# bbb: raw recordings (names only: id and time)
t_list '/var/bigbluebutton/recording/raw'

# bbb: recording status marks (.norecord, -presentation.done)
t_list '/var/bigbluebutton/recording/status'
for p1 in "$R"'/var/bigbluebutton/recording/status'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_list "$p1"
done

# bbb: published recordings per format (names only)
t_list '/var/bigbluebutton/published'
for p1 in "$R"'/var/bigbluebutton/published'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_list "$p1"
done

# bbb: unpublished recordings per format (names only)
t_list '/var/bigbluebutton/unpublished'
for p1 in "$R"'/var/bigbluebutton/unpublished'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_list "$p1"
done

# bbb: events.xml kept for meetings (names only)
t_list '/var/bigbluebutton/events'

# bbb: uploaded presentations per meeting (names only)
t_list '/var/bigbluebutton'

# bruteforce: fail2ban present (where dpkg cannot tell)
t_stat '/usr/bin/fail2ban-server'

# bruteforce: sshguard present (where dpkg cannot tell)
t_stat '/usr/sbin/sshguard'

# bruteforce: CrowdSec present (where dpkg cannot tell)
t_stat '/usr/bin/crowdsec'

# bruteforce: fail2ban jails
t_read '/etc/fail2ban/jail.conf'

# bruteforce: fail2ban jails
t_list '/etc/fail2ban/jail.d'
for p1 in "$R"'/etc/fail2ban/jail.d'/*.conf; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# bruteforce: fail2ban jails (local overrides)
t_read '/etc/fail2ban/jail.local'

# bruteforce: fail2ban jails (local overrides)
t_list '/etc/fail2ban/jail.d'
for p1 in "$R"'/etc/fail2ban/jail.d'/*.local; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# bruteforce: fail2ban jails
t_run fail2ban-status 'fail2ban-client' 'status'

# bruteforce: sshguard configuration
t_stat '/etc/sshguard/sshguard.conf'

# bruteforce: CrowdSec configuration
t_stat '/etc/crowdsec/config.yaml'

# bruteforce: CrowdSec sshd collection installed
t_stat '/etc/crowdsec/collections/sshd.yaml'

# bruteforce: CrowdSec SSH scenarios installed
t_list '/etc/crowdsec/scenarios'
for p1 in "$R"'/etc/crowdsec/scenarios'/ssh-*.yaml; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_stat "$p1"
done

# bruteforce: CrowdSec bouncer configurations
t_list '/etc/crowdsec/bouncers'

# disk: mounted file systems
t_read '/proc/mounts'

# disk: block devices
t_list '/sys/block'

# disk: device-mapper names
t_list '/sys/block'
for p1 in "$R"'/sys/block'/dm-*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"'/dm/name'
done

# disk: device-mapper type (CRYPT-, LVM-)
t_list '/sys/block'
for p1 in "$R"'/sys/block'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"'/dm/uuid'
done

# disk: devices below LVM, RAID and crypt layers
t_list '/sys/block'
for p1 in "$R"'/sys/block'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_list "$p1"'/slaves'
done

# disk: block devices and crypto layers
t_run lsblk 'lsblk' '-P' '-o' 'NAME,TYPE,FSTYPE,MOUNTPOINT'

# disk: which exist
t_stat /
t_stat '/var'
t_stat '/home'
t_stat '/srv'
t_stat '/var/lib/postgresql'
t_stat '/var/lib/mysql'
t_stat '/var/lib/redis'
t_stat '/var/lib/prosody'
t_stat '/var/lib/ejabberd'
t_stat '/home/mastodon'
t_stat '/var/bigbluebutton'
t_stat '/var/backups'

# ejabberd: whether ejabberd is installed
t_stat '/usr/sbin/ejabberdctl'

# ejabberd: whether ejabberd is installed
t_stat '/opt/ejabberd/bin/ejabberdctl'

# ejabberd: ejabberdctl settings (Erlang distribution, spool and config paths)
t_read '/etc/ejabberd/ejabberdctl.cfg'

# ejabberd: ejabberdctl settings (Erlang distribution, spool and config paths)
t_read '/etc/default/ejabberd'

# ejabberd: ejabberdctl settings (Erlang distribution, spool and config paths)
t_read '/opt/ejabberd/conf/ejabberdctl.cfg'

# ejabberd: ejabberd configuration
t_read '/etc/ejabberd/ejabberd.yml'

# ejabberd: ejabberd configuration
t_read '/opt/ejabberd/conf/ejabberd.yml'

# ejabberd: included ejabberd configuration
# known only from the target's data: (files named by include_config_file); not collected beyond the entries here
# (each stat also records the directories above its path)

# ejabberd: contrib modules' configuration (CONTRIB_MODULES_CONF_DIR, also *.yaml)
t_list '/etc/ejabberd/modules.d'
for p1 in "$R"'/etc/ejabberd/modules.d'/*.yml; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# ejabberd: installed ejabberd release
t_list '/usr/lib'
for p1 in "$R"'/usr/lib'/*-linux-gnu*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_list "$p1"
    for p2 in "$R$p1"/ejabberd-[0-9]*; do
        t_is "$p2" || continue
        p2=${p2#"$R"}
        t_list "$p2"
    done
done

# ejabberd: installed ejabberd release
t_list '/opt'
for p1 in "$R"'/opt'/ejabberd-[0-9]*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_list "$p1"
done

# ejabberd: installed ejabberd release
t_list '/usr/lib/erlang/lib'
for p1 in "$R"'/usr/lib/erlang/lib'/ejabberd-[0-9]*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_list "$p1"
done

# ejabberd: installed ejabberd release
t_list '/usr/local/lib/erlang/lib'
for p1 in "$R"'/usr/local/lib/erlang/lib'/ejabberd-[0-9]*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_list "$p1"
done

# ejabberd: mod_http_upload docroot: names, sizes and dates of stored files (contents are not read)
t_list '/var/lib/ejabberd/upload'

# ejabberd: age of the oldest stored upload
t_tree '/var/lib/ejabberd/upload'

# firewall: ufw firewall state
t_run ufw-status 'ufw' 'status' 'verbose'

# firewall: nftables packet filter rules
t_run nft-ruleset 'nft' 'list' 'ruleset'

# firewall: iptables IPv4 rules
t_run iptables-save 'iptables-save'

# firewall: iptables IPv6 rules
t_run ip6tables-save 'ip6tables-save'

# firewall: whether ufw is enabled at boot (when commands cannot run)
t_read '/etc/ufw/ufw.conf'

# firewall: ufw default input policy
t_read '/etc/default/ufw'

# firewall: ufw user rules (open ports)
t_read '/etc/ufw/user.rules'

# firewall: ufw user rules (open ports)
t_read '/etc/ufw/user6.rules'

# firewall: nftables ruleset loaded at boot (and files it includes)
t_read '/etc/nftables.conf'

# firewall: whether nftables.service loads /etc/nftables.conf at boot
t_stat '/etc/systemd/system/sysinit.target.wants/nftables.service'

# firewall: iptables-persistent rules loaded at boot
t_read '/etc/iptables/rules.v4'

# firewall: iptables-persistent rules loaded at boot
t_read '/etc/iptables/rules.v6'

# host-info: operating system and version
t_read '/etc/os-release'

# host-info: operating system (fallback)
t_read '/usr/lib/os-release'

# host-info: host name
t_read '/etc/hostname'

# journald: whether systemd-journald is installed
t_stat '/usr/lib/systemd/systemd-journald'

# journald: whether systemd-journald is installed
t_stat '/lib/systemd/systemd-journald'

# journald: journald main configuration (the first that exists)
t_read '/etc/systemd/journald.conf'

# journald: journald main configuration (the first that exists)
t_read '/run/systemd/journald.conf'

# journald: journald main configuration (the first that exists)
t_read '/usr/local/lib/systemd/journald.conf'

# journald: journald main configuration (the first that exists)
t_read '/usr/lib/systemd/journald.conf'

# journald: journald drop-ins
t_list '/etc/systemd/journald.conf.d'

# journald: journald drop-ins
t_list '/etc/systemd/journald.conf.d'
for p1 in "$R"'/etc/systemd/journald.conf.d'/*.conf; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# journald: journald drop-ins
t_list '/run/systemd/journald.conf.d'

# journald: journald drop-ins
t_list '/run/systemd/journald.conf.d'
for p1 in "$R"'/run/systemd/journald.conf.d'/*.conf; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# journald: journald drop-ins
t_list '/usr/local/lib/systemd/journald.conf.d'

# journald: journald drop-ins
t_list '/usr/local/lib/systemd/journald.conf.d'
for p1 in "$R"'/usr/local/lib/systemd/journald.conf.d'/*.conf; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# journald: journald drop-ins
t_list '/usr/lib/systemd/journald.conf.d'

# journald: journald drop-ins
t_list '/usr/lib/systemd/journald.conf.d'
for p1 in "$R"'/usr/lib/systemd/journald.conf.d'/*.conf; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# journald: journald drop-ins
t_list '/lib/systemd/journald.conf.d'

# journald: journald drop-ins
t_list '/lib/systemd/journald.conf.d'
for p1 in "$R"'/lib/systemd/journald.conf.d'/*.conf; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# journald: whether Storage=auto keeps the journal on disk
t_stat '/var/log/journal'

# logrotate: whether logrotate is installed
t_stat '/usr/sbin/logrotate'

# logrotate: logrotate main configuration
t_read '/etc/logrotate.conf'

# logrotate: logrotate definitions of the packages
t_list '/etc/logrotate.d'

# logrotate: logrotate definitions of the packages (and other included files)
t_list '/etc/logrotate.d'
for p1 in "$R"'/etc/logrotate.d'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# logrotate: whether logrotate runs daily
t_stat '/etc/cron.daily/logrotate'

# logrotate: whether logrotate runs daily
t_stat '/etc/systemd/system/timers.target.wants/logrotate.timer'

# logrotate: effective nginx configuration with all includes
t_run nginx-effective 'nginx' '-T'

# logrotate: nginx main configuration (when nginx -T cannot run)
t_read '/etc/nginx/nginx.conf'

# logrotate: files included by nginx.conf (include globs)
t_tree '/etc/nginx'

# logrotate: whether nginx is installed
t_stat '/usr/sbin/nginx'

# mastodon: where Mastodon is installed
t_list '/etc/systemd/system'
for p1 in "$R"'/etc/systemd/system'/mastodon-*.service; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# mastodon: where Mastodon is installed
t_list '/lib/systemd/system'
for p1 in "$R"'/lib/systemd/system'/mastodon-*.service; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# mastodon: where Mastodon is installed
t_list '/usr/lib/systemd/system'
for p1 in "$R"'/usr/lib/systemd/system'/mastodon-*.service; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# mastodon: Mastodon's configuration (secrets reduced to length and hash at once)
t_read '/home/mastodon/live/.env.production'

# mastodon: Mastodon's version
t_read '/home/mastodon/live/lib/mastodon/version.rb'

# mastodon: where Mastodon is installed
t_read '/home/mastodon/live/docker-compose.yml'

# mastodon: where Mastodon is installed
t_read '/home/mastodon/live/docker-compose.yaml'

# mastodon: where Mastodon is installed
t_read '/home/mastodon/live/compose.yml'

# mastodon: where Mastodon is installed
t_read '/home/mastodon/live/compose.yaml'

# mastodon: Mastodon's configuration (secrets reduced to length and hash at once)
t_read '/home/mastodon/mastodon/.env.production'

# mastodon: Mastodon's version
t_read '/home/mastodon/mastodon/lib/mastodon/version.rb'

# mastodon: where Mastodon is installed
t_read '/home/mastodon/mastodon/docker-compose.yml'

# mastodon: where Mastodon is installed
t_read '/home/mastodon/mastodon/docker-compose.yaml'

# mastodon: where Mastodon is installed
t_read '/home/mastodon/mastodon/compose.yml'

# mastodon: where Mastodon is installed
t_read '/home/mastodon/mastodon/compose.yaml'

# mastodon: Mastodon's configuration (secrets reduced to length and hash at once)
t_read '/opt/mastodon/.env.production'

# mastodon: Mastodon's version
t_read '/opt/mastodon/lib/mastodon/version.rb'

# mastodon: where Mastodon is installed
t_read '/opt/mastodon/docker-compose.yml'

# mastodon: where Mastodon is installed
t_read '/opt/mastodon/docker-compose.yaml'

# mastodon: where Mastodon is installed
t_read '/opt/mastodon/compose.yml'

# mastodon: where Mastodon is installed
t_read '/opt/mastodon/compose.yaml'

# mastodon: Mastodon's configuration (secrets reduced to length and hash at once)
t_read '/srv/mastodon/.env.production'

# mastodon: Mastodon's version
t_read '/srv/mastodon/lib/mastodon/version.rb'

# mastodon: where Mastodon is installed
t_read '/srv/mastodon/docker-compose.yml'

# mastodon: where Mastodon is installed
t_read '/srv/mastodon/docker-compose.yaml'

# mastodon: where Mastodon is installed
t_read '/srv/mastodon/compose.yml'

# mastodon: where Mastodon is installed
t_read '/srv/mastodon/compose.yaml'

# mastodon: Mastodon's configuration (secrets reduced to length and hash at once)
t_read '/var/lib/mastodon/.env.production'

# mastodon: Mastodon's version
t_read '/var/lib/mastodon/lib/mastodon/version.rb'

# mastodon: where Mastodon is installed
t_read '/var/lib/mastodon/docker-compose.yml'

# mastodon: where Mastodon is installed
t_read '/var/lib/mastodon/docker-compose.yaml'

# mastodon: where Mastodon is installed
t_read '/var/lib/mastodon/compose.yml'

# mastodon: where Mastodon is installed
t_read '/var/lib/mastodon/compose.yaml'

# mastodon: Mastodon's configuration (secrets reduced to length and hash at once)
t_read '/root/mastodon/.env.production'

# mastodon: Mastodon's version
t_read '/root/mastodon/lib/mastodon/version.rb'

# mastodon: where Mastodon is installed
t_read '/root/mastodon/docker-compose.yml'

# mastodon: where Mastodon is installed
t_read '/root/mastodon/docker-compose.yaml'

# mastodon: where Mastodon is installed
t_read '/root/mastodon/compose.yml'

# mastodon: where Mastodon is installed
t_read '/root/mastodon/compose.yaml'

# mastodon: Mastodon's configuration in the mastodon user's home (or the EnvironmentFile of its systemd units)
t_list '/home'
for p1 in "$R"'/home'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"'/live/.env.production'
done

# mastodon: Mastodon's version
t_list '/home'
for p1 in "$R"'/home'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"'/live/lib/mastodon/version.rb'
done

# mastodon: running processes (names and arguments)
t_run processes 'ps' '-e' '-o' 'user=,comm=,args='

# mastodon: automatic certificate renewal
t_stat '/etc/systemd/system/timers.target.wants/certbot.timer'

# mastodon: automatic certificate renewal
t_stat '/lib/systemd/system/certbot.timer'

# mastodon: automatic certificate renewal
t_stat '/usr/lib/systemd/system/certbot.timer'

# mastodon: automatic certificate renewal
t_stat '/etc/systemd/system/certbot.timer'

# mastodon: automatic certificate renewal
t_stat '/etc/systemd/system/snap.certbot.renew.timer'

# mastodon: automatic certificate renewal
t_stat '/etc/cron.d/certbot'

# mastodon: automatic certificate renewal
t_stat '/etc/cron.daily/certbot'

# mastodon: automatic certificate renewal
t_stat '/etc/cron.d/dehydrated'

# mastodon: automatic certificate renewal
t_stat '/etc/cron.d/acme-sh'

# mastodon: automatic certificate renewal
t_stat '/etc/cron.d/lego'

# mastodon: automatic certificate renewal
t_stat '/etc/cron.weekly/certbot'

# mastodon: certificate renewal cron job
t_read '/var/spool/cron/crontabs/root'

# mastodon: members of sudo/admin/wheel (counted, not listed)
t_read '/etc/group'

# mastodon: sudo rules (service accounts with sudo)
t_read '/etc/sudoers'

# mastodon: sudo rules (service accounts with sudo)
t_list '/etc/sudoers.d'
for p1 in "$R"'/etc/sudoers.d'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# postgres: PostgreSQL cluster configuration (Debian layout)
t_list '/etc/postgresql'
for p1 in "$R"'/etc/postgresql'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_list "$p1"
    for p2 in "$R$p1"/*; do
        t_is "$p2" || continue
        p2=${p2#"$R"}
        t_read "$p2"'/postgresql.conf'
    done
done

# postgres: PostgreSQL configuration includes (include_dir and any include the config names)
t_list '/etc/postgresql'
for p1 in "$R"'/etc/postgresql'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_list "$p1"
    for p2 in "$R$p1"/*; do
        t_is "$p2" || continue
        p2=${p2#"$R"}
        t_list "$p2"'/conf.d'
        for p3 in "$R$p2"'/conf.d'/*.conf; do
            t_is "$p3" || continue
            p3=${p3#"$R"}
            t_read "$p3"
        done
    done
done

# postgres: PostgreSQL client authentication (hba_file, with its includes)
t_list '/etc/postgresql'
for p1 in "$R"'/etc/postgresql'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_list "$p1"
    for p2 in "$R$p1"/*; do
        t_is "$p2" || continue
        p2=${p2#"$R"}
        t_read "$p2"'/pg_hba.conf'
    done
done

# postgres: whether the cluster starts automatically
t_list '/etc/postgresql'
for p1 in "$R"'/etc/postgresql'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_list "$p1"
    for p2 in "$R$p1"/*; do
        t_is "$p2" || continue
        p2=${p2#"$R"}
        t_read "$p2"'/start.conf'
    done
done

# postgres: ALTER SYSTEM settings in the data directory (data_directory), where readable
t_list '/var/lib/postgresql'
for p1 in "$R"'/var/lib/postgresql'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_list "$p1"
    for p2 in "$R$p1"/*; do
        t_is "$p2" || continue
        p2=${p2#"$R"}
        t_read "$p2"'/postgresql.auto.conf'
    done
done

# postgres: include_dir listing
t_list '/etc/postgresql'
for p1 in "$R"'/etc/postgresql'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_list "$p1"
    for p2 in "$R$p1"/*; do
        t_is "$p2" || continue
        p2=${p2#"$R"}
        t_list "$p2"'/conf.d'
    done
done

# postgres: installed PostgreSQL server binaries
t_list '/usr/lib/postgresql'
for p1 in "$R"'/usr/lib/postgresql'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_stat "$p1"'/bin/postgres'
done

# processes: process ids, only where ps is not installed
t_list '/proc'

# processes: process name and uid, only where ps is not installed
t_list '/proc'
for p1 in "$R"'/proc'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"'/status'
done

# processes: process arguments, only where ps is not installed
t_list '/proc'
for p1 in "$R"'/proc'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"'/cmdline'
done

# prosody: whether Prosody is installed
t_stat '/usr/bin/prosody'

# prosody: whether Prosody is installed
t_stat '/usr/local/bin/prosody'

# prosody: Prosody's version (which defaults apply)
t_read '/usr/lib/prosody/prosody.version'

# prosody: Prosody's version (which defaults apply)
t_read '/usr/local/lib/prosody/prosody.version'

# prosody: Prosody configuration, evaluated in a Lua sandbox
t_read '/etc/prosody/prosody.cfg.lua'

# prosody: Prosody configuration, evaluated in a Lua sandbox
t_read '/usr/local/etc/prosody/prosody.cfg.lua'

# prosody: Include globs of the configuration (any directory it names)
t_list '/etc/prosody/conf.d'

# prosody: included configuration files (and any file named by Include, FileContents, FileLine, FileLines)
t_list '/etc/prosody/conf.d'
for p1 in "$R"'/etc/prosody/conf.d'/*.cfg.lua; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# prosody: uploads of mod_http_file_share (names only; data_path from the configuration)
t_list '/var/lib/prosody'
for p1 in "$R"'/var/lib/prosody'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_list "$p1"'/http_file_share'
done

# prosody: age of the oldest upload
t_list '/var/lib/prosody'
for p1 in "$R"'/var/lib/prosody'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_list "$p1"'/http_file_share'
    for p2 in "$R$p1"'/http_file_share'/*; do
        t_is "$p2" || continue
        p2=${p2#"$R"}
        t_stat "$p2"
    done
done

# prosody: uploads of mod_http_upload (names only)
t_list '/var/lib/prosody/http_upload'

# prosody: age of the oldest upload
t_list '/var/lib/prosody/http_upload'
for p1 in "$R"'/var/lib/prosody/http_upload'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_stat "$p1"
done

# reboot: reboot flag left by package updates
t_stat '/var/run/reboot-required'

# reboot: reboot flag (where /var/run is not a link to /run)
t_stat '/run/reboot-required'

# reboot: packages that asked for the reboot
t_read '/var/run/reboot-required.pkgs'

# reboot: running kernel release
t_run uname-release 'uname' '-r'

# reboot: installed kernel images (vmlinuz-*)
t_list '/boot'

# redis: Redis configuration
t_read '/etc/redis/redis.conf'

# redis: files redis.conf includes (include)
t_list '/etc/redis'
for p1 in "$R"'/etc/redis'/*.conf; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# redis: Redis ACL file (the aclfile setting names the real path)
t_read '/etc/redis/users.acl'

# redis: whether the Redis server is installed
t_stat '/usr/bin/redis-server'

# secrets: TLS private keys
t_list '/etc/ssl/private'

# secrets: Let's Encrypt private keys
t_list '/etc/letsencrypt/live'
for p1 in "$R"'/etc/letsencrypt/live'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_stat "$p1"'/privkey.pem'
done

# secrets: Let's Encrypt private keys
t_list '/etc/letsencrypt/archive'
for p1 in "$R"'/etc/letsencrypt/archive'/*; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_list "$p1"
    for p2 in "$R$p1"/privkey*.pem; do
        t_is "$p2" || continue
        p2=${p2#"$R"}
        t_stat "$p2"
    done
done

# secrets: Prosody private keys
t_list '/etc/prosody/certs'
for p1 in "$R"'/etc/prosody/certs'/*.key; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_stat "$p1"
done

# secrets: SSH host keys
t_list '/etc/ssh'
for p1 in "$R"'/etc/ssh'/ssh_host_*_key; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_stat "$p1"
done

# secrets: PostgreSQL passwords (home of postgres in /etc/passwd)
t_stat '/var/lib/postgresql/.pgpass'

# secrets: PostgreSQL passwords of root
t_stat '/root/.pgpass'

# secrets: whether other users can reach them
# known only from the target's data: (every directory above these files); not collected beyond the entries here
# (each stat also records the directories above its path)

# sockets: listening TCP and UDP sockets with their processes
t_run ss-listening 'ss' '-H' '-tulpn'

# sockets: listening sockets when ss cannot run
t_read '/proc/net/tcp'

# sockets: listening sockets when ss cannot run
t_read '/proc/net/tcp6'

# sockets: listening sockets when ss cannot run
t_read '/proc/net/udp'

# sockets: listening sockets when ss cannot run
t_read '/proc/net/udp6'

# sshd: whether the OpenSSH server is installed
t_stat '/usr/sbin/sshd'

# sshd: effective sshd configuration
t_run sshd-effective 'sshd' '-T'

# sshd: effective sshd configuration for a Match context
# not collected: sshd -T -C user=USER,host=HOST,addr=ADDR (its argument is only known during an audit)

# sshd: sshd configuration (fallback when sshd -T cannot run; Match blocks)
t_read '/etc/ssh/sshd_config'

# sshd: sshd drop-ins (and any other file named by Include)
t_list '/etc/ssh/sshd_config.d'
for p1 in "$R"'/etc/ssh/sshd_config.d'/*.conf; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# sshd: host key types and sizes (public halves only)
t_list '/etc/ssh'
for p1 in "$R"'/etc/ssh'/ssh_host_*_key.pub; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_read "$p1"
done

# timesync: masked time services
t_list '/etc/systemd/system'
for p1 in "$R"'/etc/systemd/system'/*.service; do
    t_is "$p1" || continue
    p1=${p1#"$R"}
    t_stat "$p1"
done

# timesync: SysV start links of time services
t_list '/etc/rc2.d'

t_finish
