// SPDX-License-Identifier: GPL-3.0-or-later
// placeholder: filled in by the step that implements it
#pragma once
