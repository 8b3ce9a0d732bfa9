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
TOOL='tomaudit collect.sh (plan sha256:@PLAN@)'
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
