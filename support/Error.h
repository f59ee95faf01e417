//===- Error.h - The one-line error of bad input -------------*- C++ -*-===//
#ifndef WASM_GAPSCAN_SUPPORT_ERROR_H
#define WASM_GAPSCAN_SUPPORT_ERROR_H

#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

namespace gapscan {

/// An error whose message is one line naming the problem and the fix; the
/// tool prints it and exits with status 2.
inline llvm::Error badInput(const llvm::Twine &Message) {
  return llvm::createStringError(std::errc::invalid_argument, "%s",
                                 Message.str().c_str());
}

} // namespace gapscan

#endif
