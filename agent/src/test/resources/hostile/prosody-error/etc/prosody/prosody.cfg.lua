-- a configuration that raises its own secret
local db_password = "${CANARY}"
VirtualHost "example.org"
error(db_password)
