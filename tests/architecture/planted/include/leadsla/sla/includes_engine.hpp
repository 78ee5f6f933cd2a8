// A planted violation: a layer-4 public header includes the engine (layer 5) and a private header.
#pragma once
#include <leadsla/engine/engine.hpp>

#include "sla/sla_impl.hpp"
