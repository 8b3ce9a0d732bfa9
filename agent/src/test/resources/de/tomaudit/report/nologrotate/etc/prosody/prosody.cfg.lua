-- Prosody on a host where logrotate was removed but the package's definition stayed
admins = { }
modules_enabled = {
	"roster";
	"saslauth";
	"tls";
	"disco";
	"mam";
}
c2s_require_encryption = true
s2s_require_encryption = true
s2s_secure_auth = true
authentication = "internal_hashed"
log = {
	info = "/var/log/prosody/prosody.log";
	error = "/var/log/prosody/prosody.err";
}
archive_expires_after = "1w"
VirtualHost "chat.example.org"
