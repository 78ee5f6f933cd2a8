// The private header the planted violation reaches for.
#pragma once
