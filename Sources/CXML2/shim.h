// libxml2: the parser, tree and XPath-free parts AutoTone uses.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
