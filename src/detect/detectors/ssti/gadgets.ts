// The vocabulary of template injection payloads, per engine (PortSwigger SSTI research, PayloadsAllTheThings
// "Server Side Template Injection", HackTricks SSTI): names that reach code or walk the object graph from
// inside a template expression. Matched lowercased, as whole words, inside delimiters only, where
// placeholders (`{{ user.name }}`, `{{ product.prototype_id }}`) do not use them.

/** Running code or commands: Java / EL / SpEL / OGNL, Python, Ruby, PHP (Twig, Smarty), Node, .NET, Mako. */
export const EXECUTION = [
  // Java, EL, SpEL, OGNL, Freemarker, Velocity
  'java.', 'javax.', 'getruntime', 'runtime)', 'runtime@', 'processbuilder', '.exec(', 'scriptengine', 'freemarker.template.utility', 'objectconstructor',
  'jythonruntime', '?new(', '@ognl', 'memberaccess', 'ognlutil', 'ognlcontext', 'org.apache.', 'org.springframework.', 'invoke(',
  // Python (Jinja2, Mako, Tornado, Django)
  'os.system', 'os.popen', 'popen(', 'subprocess', '__import__', 'eval(', 'exec(', 'system(', 'check_output', 'getoutput(',
  'self.module', '.util.os', 'import os',
  // Ruby (ERB, Slim, Haml)
  'io.popen', '%x(', '%x{', 'kernel.', 'syscall', 'instance_eval', 'class_eval', 'file.read', 'file.open', 'file.write', 'dir.entries', 'open3',
  // PHP (Twig, Smarty)
  'passthru', 'shell_exec', 'proc_open', 'pcntl_exec', 'assert(', 'call_user_func', 'file_get_contents', 'file_put_contents',
  'readfile(', 'fopen(', 'registerundefinedfiltercallback', 'getfilter(', '_self.env', 'file_excerpt', 'smarty_internal_write_file', 'self::getstreamvariable',
  // Node (Nunjucks, Pug, EJS, doT, Handlebars)
  'child_process', 'mainmodule', 'require(', 'global.process', 'process.binding', 'execsync', 'spawnsync', 'function(',
  // .NET (Razor)
  'system.diagnostics', 'process.start', 'system.io', 'system.reflection', 'system.net',
];

/** Walking the object graph toward code: Python dunders, Java reflection, JS constructors, Jinja's |attr. */
export const TRAVERSAL = [
  '__class__', '__mro__', '__subclasses__', '__globals__', '__builtins__', '__init__', '__base__', '__dict__', '__getattribute__',
  '__getitem__', '__reduce__', '__proto__', '_templatereference__context', 'request.application', '|attr(', '| attr(', 'getclass(',
  'protectiondomain', 'forname(', 'classloader', 'constructor', 'prototype', 'getmethod(', 'getdeclared', 'newinstance(', 'secret_key',
  'config.items(', '?api', 'pagecontext', 'facescontext', 'servletcontext', '.inspect(',
];

/** Twig filters that call a PHP callable given by name: `{{['id']|filter('system')}}`. */
export const CALLBACK_FILTERS = ['|filter(', '|map(', '|reduce(', '|sort('];
export const PHP_CALLABLES = ['system', 'exec', 'passthru', 'popen', 'proc_open', 'assert', 'call_user_func', 'file_get_contents', 'readfile'];

/** Engine objects whose printing or probing tells the engine or leaks its state (paranoia 2). */
export const ENGINE_OBJECTS = ['self', '_self', 'config', 'request', 'settings', 'app', 'dump(', '$smarty', 'debug'];

/** Directives that define, import or include, judged at paranoia 2: templates sent on purpose have them too. */
export const DIRECTIVES = ['include', 'import', 'extends', 'set ', 'macro', 'from ', 'debug', 'load ', 'python', 'ssi '];

/** Freemarker directive names (`<#assign`, `[#list`): markdown's `[#123]` issue links are not directives. */
export const FREEMARKER_DIRECTIVES: ReadonlySet<string> = new Set([
  'assign', 'attempt', 'case', 'compress', 'escape', 'ftl', 'function', 'global', 'if', 'import', 'include', 'list', 'local',
  'macro', 'nested', 'noparse', 'recurse', 'return', 'setting', 'stop', 'switch', 'visit',
]);
