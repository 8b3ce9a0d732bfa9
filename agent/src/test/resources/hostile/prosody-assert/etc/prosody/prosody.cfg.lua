assert(false, "${CANARY}")
