//===- PyFacts.h - What a Lib/ source binds, and under which conditions
//----===//
//
// Plain data: python/lib_facts.py's reading of one Lib/*.py file with
// CPython's own ast (see that script's docstring for the JSON these mirror),
// and the python/ stage's evaluation of every module for one configuration.
//
//===----------------------------------------------------------------------===//
#ifndef WASM_GAPSCAN_MODEL_PYFACTS_H
#define WASM_GAPSCAN_MODEL_PYFACTS_H

#include "model/Enums.h"
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace gapscan {

/// A condition of a Lib/ guard, as the evaluator decides it.
struct PyCondition {
  enum class Op {
    Unknown, ///< Not a form the evaluator decides; Text says what it was.
    Const,   ///< `if 0`, `if __name__ == "__main__"`.
    And,
    Or,
    Not,
    HasAttr,  ///< hasattr(Object, "Attr"), "Attr" in dir(Object).
    Exists,   ///< "Name" in globals(), or a helper returning that (os._exists).
    IsNone,   ///< Object is None.
    Truth,    ///< A bare name or attribute: `if _WINDOWS:`.
    Contains, ///< "Values[0]" in Object ("posix" in sys.builtin_module_names).
    Compare,  ///< Object == / != / in / not in / startswith Values.
    String,   ///< Enum._convert_ filters: the converted name's str methods.
  };
  Op Kind = Op::Unknown;
  bool Value = false;  ///< Const.
  std::string Object;  ///< Dotted: "os", "sys.platform".
  std::string Attr;    ///< HasAttr, Exists (the name).
  std::string Compare; ///< eq, ne, in, notin, startswith; String: method.
  std::vector<std::string> Values;
  std::vector<PyCondition> Args; ///< And, Or; Not has one.
  std::string Text;              ///< Unknown.
};

/// One enclosing block of a module-level statement.
struct PyFrame {
  enum class Kind { If, Try, Except, Else, Loop };
  Kind FrameKind = Kind::If;
  PyCondition Test; ///< If.
  bool Negated = false;
  unsigned Line = 0;
  std::string Text; ///< The test's source (If, Loop).
  int TryId = -1;   ///< Try, Except, Else.
  /// Try: its body raises unconditionally. Except (in a function): the
  /// handler ends in a bare `raise`, passing the error on.
  bool Raises = false;
  std::vector<std::string> Caught; ///< Except: the exception names.
};

/// One module-level (or class-level) event, in source order.
/// A module global (or self.x in a method) a function body reads or calls
/// (python/lib_facts.py BODY), or "import:X" for an import in the body.
struct PyUse {
  std::string Name;
  unsigned Line = 0;
  std::vector<int> Context;
  bool Call = false;
};

/// A raise statement of a function body.
struct PyRaise {
  std::string Exception, Text;
  unsigned Line = 0;
  std::vector<int> Context;
};

/// What calling a function does that may fail on a configuration.
struct PyBody {
  std::vector<PyUse> Uses;
  std::vector<PyRaise> Raises;
  /// Frames whose block ends in return or raise: where taken, what follows
  /// them in the function does not run.
  std::vector<int> Exits;
  std::vector<int> Returns; ///< Those of Exits ending in return.
  /// `self.attr = module.name` in a method: attr -> the dotted name.
  std::map<std::string, std::string> Sets;
};

struct PyEvent {
  enum class Kind { Bind, Star, All, Convert, Spread, Read, Dynamic };
  enum class How { Def, Class, Assign, Import, From, None, Const, Del };
  Kind EventKind = Kind::Bind;
  How Binding = How::Assign;
  std::string Name;
  std::string Module; ///< Import/From/Star: as written (relative: Level).
  int Level = 0;
  std::string Attr;     ///< From: the imported name.
  std::string Also;     ///< Import of a.b: the dotted module also imported.
  std::string Alias;    ///< Assign from a dotted name.
  std::string Instance; ///< Assign of a call: the dotted callable.
  std::vector<std::string> Bases; ///< Class: its bases, dotted.
  std::string DirOf;      ///< All: __all__ = [x for x in dir(DirOf) ...].
  std::string ConstValue; ///< Const: its repr-ish spelling.
  bool ConstTruth = false;
  bool HasCondition = false;
  PyCondition Condition; ///< Assign whose value is a condition.
  unsigned Line = 0;
  std::vector<int> Context;           ///< Frame indices, outermost first.
  std::vector<PyEvent> Members;       ///< Class: its body's events.
  std::shared_ptr<const PyBody> Body; ///< Def: what a call does.
  std::vector<std::string> Names;     ///< All: literal names.
  std::vector<std::string> Refs;      ///< All: X of X.__all__.
  std::string AllOp;                  ///< All: set, add, unknown.
  std::string Source;                 ///< Convert: dotted source, or empty;
                                      ///< Spread, Read: the dotted object.
  bool SpreadMembers = false;         ///< Spread: a class's __members__.
  bool SpreadAttributes = false;      ///< Spread: an object's attributes.
  bool Global = false;                ///< Convert: as_global.
  PyCondition Filter;                 ///< Convert.
  std::string Text;                   ///< Dynamic, All unknown.
};

/// Everything read from one Lib/ file (depends on its content only).
struct PyFileFacts {
  std::vector<PyEvent> Events;
  std::vector<PyFrame> Frames;
  std::string Error; ///< The parser's error, when it failed.
};

/// One Lib/ module with its facts: "os", "sqlite3", "sqlite3.dbapi2".
struct PyModuleSource {
  std::string Name;
  std::string Path; ///< Relative to the checkout: "Lib/os.py".
  bool Package = false;
  std::shared_ptr<const PyFileFacts> Facts;
};

/// Every Lib/ module of a checkout (not Lib/test, not tests packages).
struct PyLibrary {
  std::map<std::string, PyModuleSource> Modules;
  size_t FilesRead = 0, FilesCached = 0;
};

/// One link of an evidence chain: "Lib/shutil.py:1363" and what it says.
struct PyEvidence {
  std::string At;
  std::string Text;
  /// When the link is about a C module or one of its names ("posix",
  /// "statvfs"; Name empty for the whole module): the gap adds the C
  /// evidence (#if, macros, configure's state).
  std::string CModule, CName;
};

/// A Python-level name of a module in one configuration.
struct PyName {
  std::string Name; ///< "disk_usage", "Signals.SIGRTMIN".
  ItemKind Kind = ItemKind::Object;
  Tri Exists = Tri::Yes;
  std::string DefinedAt; ///< Lib/shutil.py:1371
  /// How the name is bound where it exists: "from posix import *" with
  /// the source module and name (CModule/CName when the source is C).
  PyEvidence Origin;
  std::string OriginModule, OriginName; ///< The source, C or Lib/.
  /// Why it does not exist (or is undecided) in this configuration.
  std::vector<PyEvidence> Why;
  /// What calling it runs: a PyCallable's Id ("os:execl",
  /// "subprocess:Popen"), or "C:module:name" for a C item; empty when not
  /// callable or not followed.
  std::string Callable;
};

/// One thing a Lib/ callable does that the works-differently analysis
/// follows, as decided in one configuration (python/LibEvaluator.cpp).
struct PyStep {
  enum class Kind {
    Raises,  ///< A raise whose tests all hold here.
    Missing, ///< Reads or calls a name this configuration lacks.
    Calls,   ///< Calls another Lib/ callable (Target: its Id).
    CallsC   ///< Calls a C item (Target: "C:module:name").
  };
  Kind StepKind = Kind::Calls;
  std::string Target;          ///< Calls/CallsC: the callee; Missing: the name.
  PyEvidence Where;            ///< The line and what it does there.
  std::vector<PyEvidence> Why; ///< Raises: the tests; Missing: why absent.
  /// Every test around it holds here; false when one depends on the call's
  /// arguments, the object's state or the environment (undecided).
  bool Certain = true;
};

/// A function, method or class of Lib/ and what calling it does here.
struct PyCallable {
  std::string Id; ///< "module:Qualified.name"
  std::string At; ///< Where it is defined: "Lib/os.py:578".
  /// A class: calling it runs its __new__/__init__, which count as its own
  /// code (a raise there is "raises", not "reaches-failing").
  bool IsClass = false;
  std::vector<PyStep> Steps;
};

/// A public Lib/ module evaluated for one configuration.
struct PyModuleVerdict {
  std::string Name;
  std::string Path;
  Tri Imports = Tri::Yes;
  std::vector<PyEvidence> Why; ///< The failing import chain.
  /// Every binding the module may have, present or not (sorted by name).
  std::vector<PyName> Names;
  std::vector<std::string> Dynamic; ///< globals() updates not followed.
};

/// The Python layer of one configuration.
struct PyLayer {
  std::string Platform;                 ///< sys.platform there.
  std::vector<PyModuleVerdict> Modules; ///< Public Lib/ modules, by name.
  /// Every callable reached from a public module's names, by Id.
  std::vector<PyCallable> Callables;
};

} // namespace gapscan

#endif
