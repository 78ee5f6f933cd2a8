// A planted violation: the engine includes a private header of sla/.
#include "sla/sla_impl.hpp"
