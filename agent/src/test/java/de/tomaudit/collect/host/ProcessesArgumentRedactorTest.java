package de.tomaudit.collect.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.tomaudit.facts.Secret;
import org.junit.jupiter.api.Test;

class ProcessesArgumentRedactorTest {

    private static String r(String s) {
        return ProcessesArgumentRedactor.redact(s);
    }

    private static String red(String raw) {
        return Secret.of(raw).toString();
    }

    @Test
    void optionsWithSeparateOrAttachedValues() {
        assertEquals("tool --password " + red("x y"), r("tool --password 'x y'"));
        assertEquals("tool --db-password=" + red("abc"), r("tool --db-password=abc"));
        assertEquals("erl -setcookie " + red("c00kie") + " -noshell", r("erl -setcookie c00kie -noshell"));
        assertEquals("restic --password-file /root/.restic", r("restic --password-file /root/.restic"));
    }

    @Test
    void backupToolPasswordsOnTheCommandLine() {
        assertEquals("restic --password-command " + red("echo hunter2") + " backup /srv",
                r("restic --password-command 'echo hunter2' backup /srv"));
        assertEquals("rclone sync --pass " + red("hunter2") + " a b", r("rclone sync --pass hunter2 a b"));
        assertEquals("7z a -p" + red("hunter2") + " x.7z /srv", r("7z a -phunter2 x.7z /srv"));
        assertEquals("zip -P " + red("hunter2") + " x.zip f", r("zip -P hunter2 x.zip f"));
        assertEquals("curl -u bob:" + red("hunter2") + " -T f https://h/", r("curl -u bob:hunter2 -T f https://h/"));
        assertEquals("restic -r rest:https://u:" + red("hunter2") + "@h/r backup", r("restic -r rest:https://u:hunter2@h/r backup"));
    }

    @Test
    void environmentAssignments() {
        assertEquals("PGPASSWORD=" + red("pw") + " pg_dump db", r("PGPASSWORD=pw pg_dump db"));
        assertEquals("BORG_PASSPHRASE=" + red("two words") + " borg create", r("BORG_PASSPHRASE=\"two words\" borg create"));
        assertEquals("DB_PASS=" + red("p") + " x", r("DB_PASS=p x"));
        assertEquals("RESTIC_PASSWORD_FILE=/etc/restic/pw restic backup", r("RESTIC_PASSWORD_FILE=/etc/restic/pw restic backup"));
        assertEquals("BORG_REPO=/srv/borg borg create ::x", r("BORG_REPO=/srv/borg borg create ::x"));
    }

    @Test
    void mysqlSshpassAndRedisShortOptions() {
        assertEquals("mysqldump -u root -p" + red("geheim") + " db", r("mysqldump -u root -pgeheim db"));
        assertEquals("sshpass -p " + red("pw") + " ssh host", r("sshpass -p pw ssh host"));
        assertEquals("redis-cli -a " + red("pw") + " ping", r("redis-cli -a pw ping"));
        assertEquals("tar -pczf /backup/x.tgz /etc", r("tar -pczf /backup/x.tgz /etc"));
        assertEquals("mysqldump -p" + red("TopSecret") + " --all-databases", r("mysqldump -pTopSecret --all-databases"),
                "a password that itself contains 'secret' is still the -p value");
    }

    @Test
    void urlCredentials() {
        assertEquals("pg_dump postgres://u:" + red("pw") + "@db/x", r("pg_dump postgres://u:pw@db/x"));
        assertEquals("curl https://example.org/a:b", r("curl https://example.org/a:b"));
    }
}
