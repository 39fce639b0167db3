// libxml2: the parser, tree and XPath-free parts AutoTone uses.
//
// Debian builds libxml2 with ICU, so <libxml/encoding.h> would include the system's
// <unicode/ucnv.h>, whose types clash with the ICU copy inside Foundation
// ("'UErrorCode' has different definitions in different modules"). AutoTone never touches
// encoding handlers' fields (only pointers to them), so hide the ICU part of the headers.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
