# What: a class member is looked up through the class's bases down to a C
# type, whose members are its tables' rows: missing for sure where the C type
# lacks it (Lib/socket.py's socket(_socket.socket) without sendmsg, read by
# Lib/asyncio/selector_events.py hasattr(socket.socket, 'sendmsg')).
# c-module: _sock builtin: socket/class socket.send
# expect has_sendmsg: no
# expect has_send: yes
import _sock

class socket(_sock.socket):
    pass

if hasattr(socket, "sendmsg"):
    has_sendmsg = 1
if hasattr(socket, "send"):
    has_send = 1
