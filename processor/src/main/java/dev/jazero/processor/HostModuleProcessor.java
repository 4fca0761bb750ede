package dev.jazero.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import dev.jazero.annotations.CString;
import dev.jazero.annotations.HostModule;
import dev.jazero.annotations.PtrLen;
import dev.jazero.annotations.WasmExport;
import dev.jazero.internal.hostfunc.HostTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * Generates {@code Foo_HostModule} for each {@link HostModule} class {@code Foo}, after checking
 * it: every violation is a compile error on the offending element (class, annotation, method or
 * parameter) that says what is allowed. Type rules and their messages are
 * {@link HostTypes}', the same as {@code HostFunctionBuilder.withFunc} applies at run time.
 * With jazero-jsr223 on the class path it also writes {@code Foo_HostModuleProvider} and lists
 * the providers in {@code META-INF/services} ({@link ProviderGenerator}); in a named module, it
 * checks that {@code module-info.java} provides them, unless the option
 * {@code -Ajazero.checkProvides=false} says the classes are tests patched into a module, whose
 * service file on the class path serves them.
 */
@AutoService(Processor.class)
public final class HostModuleProcessor extends AbstractProcessor {

    static final String SUFFIX = "_HostModule";

    private Messager messager;
    private Elements elements;
    private Types types;
    /** Classes to retry in the next round because a type they use is not generated yet. */
    private final Set<String> deferred = new LinkedHashSet<>();
    /** The {@code javax.script} host module providers written so far, for the service file. */
    private final Set<String> providers = new LinkedHashSet<>();

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        messager = env.getMessager();
        elements = env.getElementUtils();
        types = env.getTypeUtils();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(HostModule.class.getName(), WasmExport.class.getName(), PtrLen.class.getName(),
                CString.class.getName());
    }

    /** {@code jazero.checkProvides}: see the class comment. */
    static final String CHECK_PROVIDES = "jazero.checkProvides";

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(CHECK_PROVIDES);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        checkPlacement(round);
        Set<TypeElement> hosts = new LinkedHashSet<>();
        for (String name : deferred) {
            TypeElement e = elements.getTypeElement(name);
            if (e != null) {
                hosts.add(e);
            }
        }
        deferred.clear();
        for (Element e : round.getElementsAnnotatedWith(HostModule.class)) {
            hosts.add((TypeElement) e);
        }
        for (TypeElement host : hosts) {
            if (round.processingOver()) {
                continue;   // javac has reported the types that never appeared
            }
            HostModel model = analyze(host);
            if (model != null) {
                try {
                    new HostModuleGenerator(model).javaFile().writeTo(processingEnv.getFiler());
                } catch (IOException e) {
                    messager.printMessage(Diagnostic.Kind.ERROR, "cannot write " + model.generated() + ": " + e, host);
                }
                writeProvider(model);
            }
        }
        if (round.processingOver() && !providers.isEmpty()) {
            writeServiceFile();
        }
        return true;
    }

    /**
     * With jazero-jsr223 visible to the host class (on the class path, or read by its module), the
     * service that finds the host module for the script engine. A named module must declare it in
     * its {@code module-info.java}, which no processor may change: without that line the script
     * engine would not find the host module, so its absence is an error that gives the line.
     */
    private void writeProvider(HostModel model) {
        javax.lang.model.element.ModuleElement module = elements.getModuleOf(model.element());
        boolean named = module != null && !module.isUnnamed();
        if ((named ? elements.getTypeElement(module, ProviderGenerator.SPI) : elements.getTypeElement(ProviderGenerator.SPI)) == null) {
            return;
        }
        ProviderGenerator generator = new ProviderGenerator(model);
        try {
            generator.javaFile().writeTo(processingEnv.getFiler());
            providers.add(generator.name().canonicalName());
        } catch (IOException e) {
            messager.printMessage(Diagnostic.Kind.ERROR, "cannot write " + generator.name() + ": " + e, model.element());
        }
        boolean check = !"false".equals(processingEnv.getOptions().get(CHECK_PROVIDES));
        if (named && check && !provides(module, generator.name().canonicalName())) {
            messager.printMessage(Diagnostic.Kind.ERROR,
                    Messages.missingProvides(module.getQualifiedName().toString(), ProviderGenerator.SPI,
                            generator.name().canonicalName()),
                    model.element());
        }
    }

    /**
     * Whether {@code module} declares {@code provider} as a provider of the script engine's
     * service, as its {@code module-info.java} is written. The source is read rather than the
     * module's directives: on JDK 17 to 20, asking javac for them while the provider is still to
     * be generated makes javac reject the provides clause (JDK-8305225). A module not compiled
     * from source here is taken to provide it.
     */
    private boolean provides(javax.lang.model.element.ModuleElement module, String provider) {
        com.sun.source.util.TreePath path;
        try {
            path = com.sun.source.util.Trees.instance(processingEnv).getPath(module);
        } catch (IllegalArgumentException e) {
            return true;   // not javac
        }
        if (path == null || !(path.getLeaf() instanceof com.sun.source.tree.ModuleTree tree)) {
            return true;
        }
        for (com.sun.source.tree.DirectiveTree directive : tree.getDirectives()) {
            if (directive instanceof com.sun.source.tree.ProvidesTree p
                    && p.getServiceName().toString().equals(ProviderGenerator.SPI)) {
                for (com.sun.source.tree.ExpressionTree implementation : p.getImplementationNames()) {
                    if (implementation.toString().equals(provider)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void writeServiceFile() {
        String path = "META-INF/services/" + ProviderGenerator.SPI;
        try (java.io.Writer w = processingEnv.getFiler()
                .createResource(javax.tools.StandardLocation.CLASS_OUTPUT, "", path).openWriter()) {
            for (String provider : providers) {
                w.write(provider);
                w.write('\n');
            }
        } catch (IOException e) {
            messager.printMessage(Diagnostic.Kind.ERROR, "cannot write " + path + ": " + e);
        }
    }

    /** {@code @WasmExport} outside a host module, string annotations outside an export. */
    private void checkPlacement(RoundEnvironment round) {
        for (Element method : round.getElementsAnnotatedWith(WasmExport.class)) {
            if (method.getEnclosingElement().getAnnotation(HostModule.class) == null) {
                messager.printMessage(Diagnostic.Kind.ERROR, Messages.outsideHostModule(), method);
            }
        }
        for (Class<? extends java.lang.annotation.Annotation> a : List.of(PtrLen.class, CString.class)) {
            for (Element param : round.getElementsAnnotatedWith(a)) {
                if (param.getEnclosingElement().getAnnotation(WasmExport.class) == null) {
                    messager.printMessage(Diagnostic.Kind.ERROR,
                            Messages.stringAnnotationOutsideExport(a.getSimpleName()), param, mirror(param, a));
                }
            }
        }
    }

    /** Checks a host class; returns its model, or null after reporting errors (or deferring it). */
    private HostModel analyze(TypeElement host) {
        boolean ok = true;
        ClassName generated = generatedName(host);
        AnnotationMirror annotation = mirror(host, HostModule.class);
        String moduleName = null;
        AnnotationValue value = annotationValue(annotation, "value");
        if (value == null || !(value.getValue() instanceof String)) {
            ok = false;   // javac reports the missing or malformed element
        } else {
            moduleName = (String) value.getValue();
            if (moduleName.isBlank()) {
                messager.printMessage(Diagnostic.Kind.ERROR, Messages.blankModuleName(), host, annotation, value);
                ok = false;
            }
        }
        if (host.getKind() == ElementKind.ANNOTATION_TYPE) {
            messager.printMessage(Diagnostic.Kind.ERROR, Messages.annotationType(), host);
            return null;
        }
        ok &= checkReachable(host, generated.simpleName());

        List<HostModel.Function> functions = new ArrayList<>();
        Map<String, ExecutableElement> exported = new HashMap<>();
        boolean incomplete = false;
        for (Element member : host.getEnclosedElements()) {
            if (member.getKind() != ElementKind.METHOD || member.getAnnotation(WasmExport.class) == null) {
                continue;
            }
            ExecutableElement method = (ExecutableElement) member;
            if (usesUnresolvedTypes(method)) {
                incomplete = true;
                continue;
            }
            HostModel.Function function = analyze(method, generated);
            if (function == null) {
                ok = false;
                continue;
            }
            ExecutableElement first = exported.putIfAbsent(function.exportName(), method);
            if (first != null) {
                messager.printMessage(Diagnostic.Kind.ERROR,
                        Messages.duplicateExport(function.exportName(), signature(first)), method,
                        mirror(method, WasmExport.class));
                ok = false;
                continue;
            }
            functions.add(function);
        }
        if (incomplete) {
            deferred.add(host.getQualifiedName().toString());
            return null;
        }
        if (!ok) {
            return null;
        }
        return new HostModel(host, hostType(host), generated, isPublicChain(host), moduleName, functions);
    }

    private HostModel.Function analyze(ExecutableElement method, ClassName generated) {
        boolean ok = true;
        Set<Modifier> modifiers = method.getModifiers();
        if (!modifiers.contains(Modifier.PUBLIC)) {
            messager.printMessage(Diagnostic.Kind.ERROR, Messages.notPublic(), method);
            ok = false;
        }
        if (modifiers.contains(Modifier.STATIC)) {
            messager.printMessage(Diagnostic.Kind.ERROR, Messages.staticMethod(), method);
            ok = false;
        }
        List<HostModel.Param> params = new ArrayList<>();
        for (VariableElement p : method.getParameters()) {
            HostModel.Param param = analyze(p);
            if (param == null) {
                ok = false;
            } else {
                params.add(param);
            }
        }
        HostModel.Result result = analyzeResult(method, generated);
        ok &= result != null;
        TypeMirror runtimeException = elements.getTypeElement(RuntimeException.class.getName()).asType();
        TypeMirror error = elements.getTypeElement(Error.class.getName()).asType();
        for (TypeMirror thrown : method.getThrownTypes()) {
            if (!types.isSubtype(thrown, runtimeException) && !types.isSubtype(thrown, error)) {
                messager.printMessage(Diagnostic.Kind.ERROR, HostTypes.checkedException(typeName(thrown)), method);
                ok = false;
            }
        }
        if (!ok) {
            return null;
        }
        String name = method.getAnnotation(WasmExport.class).value();
        if (name.isEmpty()) {
            name = Names.snakeCase(method.getSimpleName().toString());
        }
        return new HostModel.Function(method, name, params, result);
    }

    private HostModel.Param analyze(VariableElement p) {
        String type = typeName(p.asType());
        String name = p.getSimpleName().toString();
        boolean ptrLen = p.getAnnotation(PtrLen.class) != null;
        boolean cString = p.getAnnotation(CString.class) != null;
        if (ptrLen && cString) {
            messager.printMessage(Diagnostic.Kind.ERROR, Messages.bothStringAnnotations(), p);
            return null;
        }
        if (ptrLen || cString) {
            if (!type.equals(HostTypes.STRING)) {
                String a = ptrLen ? "PtrLen" : "CString";
                messager.printMessage(Diagnostic.Kind.ERROR, Messages.stringAnnotationOnNonString(a, type), p,
                        mirror(p, ptrLen ? PtrLen.class : CString.class));
                return null;
            }
            return new HostModel.Param(ptrLen ? HostModel.ParamKind.PTR_LEN : HostModel.ParamKind.C_STRING, name, type);
        }
        if (HostTypes.valueType(type) != null) {
            return new HostModel.Param(HostModel.ParamKind.VALUE, name, type);
        } else if (HostTypes.referenceType(type) != null) {
            return new HostModel.Param(HostModel.ParamKind.REFERENCE, name, type);
        } else if (type.equals(HostTypes.MODULE)) {
            return new HostModel.Param(HostModel.ParamKind.MODULE, name, type);
        } else if (type.equals(HostTypes.MEMORY)) {
            return new HostModel.Param(HostModel.ParamKind.MEMORY, name, type);
        } else if (type.equals(HostTypes.STRING)) {
            messager.printMessage(Diagnostic.Kind.ERROR, Messages.unannotatedString(), p);
            return null;
        }
        messager.printMessage(Diagnostic.Kind.ERROR, HostTypes.unsupportedParameter(type), p);
        return null;
    }

    private HostModel.Result analyzeResult(ExecutableElement method, ClassName generated) {
        TypeMirror r = method.getReturnType();
        if (r.getKind() == TypeKind.VOID) {
            return new HostModel.Result(null, List.of());
        }
        String type = typeName(r);
        if (HostTypes.valueOrReference(type) != null) {
            return new HostModel.Result(null, List.of(new HostModel.ResultValue("", type)));
        }
        if (r.getKind() == TypeKind.DECLARED && ((DeclaredType) r).asElement().getKind() == ElementKind.RECORD) {
            TypeElement record = (TypeElement) ((DeclaredType) r).asElement();
            List<? extends RecordComponentElement> components = record.getRecordComponents();
            if (components.isEmpty()) {
                messager.printMessage(Diagnostic.Kind.ERROR, HostTypes.emptyRecord(type), method);
                return null;
            }
            List<HostModel.ResultValue> values = new ArrayList<>();
            for (RecordComponentElement c : components) {
                String ct = typeName(c.asType());
                if (HostTypes.valueOrReference(ct) == null) {
                    messager.printMessage(Diagnostic.Kind.ERROR,
                            HostTypes.unsupportedRecordComponent(type, c.getSimpleName().toString(), ct), method);
                    return null;
                }
                values.add(new HostModel.ResultValue(c.getSimpleName().toString(), ct));
            }
            if (!reachableFrom(record, elements.getPackageOf(method))) {
                messager.printMessage(Diagnostic.Kind.ERROR, Messages.unreachableRecord(type, generated.simpleName()),
                        method);
                return null;
            }
            return new HostModel.Result(TypeName.get(types.erasure(r)), values);
        }
        messager.printMessage(Diagnostic.Kind.ERROR, HostTypes.unsupportedResult(type), method);
        return null;
    }

    /** Top-level or static nested, and nothing on the way private. */
    private boolean checkReachable(TypeElement host, String generated) {
        NestingKind nesting = host.getNestingKind();
        if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS
                || nesting == NestingKind.MEMBER && !isStatic(host)) {
            messager.printMessage(Diagnostic.Kind.ERROR, Messages.notTopLevelOrStatic(generated), host);
            return false;
        }
        for (Element e = host; e instanceof TypeElement; e = e.getEnclosingElement()) {
            if (e.getModifiers().contains(Modifier.PRIVATE)) {
                messager.printMessage(Diagnostic.Kind.ERROR,
                        Messages.privateClass(generated, ((TypeElement) e).getQualifiedName().toString()), host);
                return false;
            }
            if (e != host && !isStatic(e) && ((TypeElement) e).getNestingKind() == NestingKind.MEMBER) {
                messager.printMessage(Diagnostic.Kind.ERROR, Messages.notTopLevelOrStatic(generated), host);
                return false;
            }
        }
        return true;
    }

    /** Nested interfaces, enums and records are implicitly static. */
    private static boolean isStatic(Element type) {
        return type.getKind() != ElementKind.CLASS || type.getModifiers().contains(Modifier.STATIC);
    }

    /** Whether code in {@code pkg} can name {@code type}. */
    private boolean reachableFrom(TypeElement type, PackageElement pkg) {
        boolean samePackage = elements.getPackageOf(type).equals(pkg);
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            Set<Modifier> m = e.getModifiers();
            if (m.contains(Modifier.PRIVATE) || !samePackage && !m.contains(Modifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPublicChain(TypeElement type) {
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            if (!e.getModifiers().contains(Modifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    /** A type that another processor may still generate: retry the class in the next round. */
    private static boolean usesUnresolvedTypes(ExecutableElement method) {
        if (method.getReturnType().getKind() == TypeKind.ERROR) {
            return true;
        }
        for (VariableElement p : method.getParameters()) {
            if (p.asType().getKind() == TypeKind.ERROR) {
                return true;
            }
        }
        return false;
    }

    /** {@code Foo_HostModule}, {@code Outer_Inner_HostModule}, in the class's package. */
    private ClassName generatedName(TypeElement host) {
        StringBuilder name = new StringBuilder();
        for (Element e = host; e instanceof TypeElement; e = e.getEnclosingElement()) {
            name.insert(0, name.length() == 0 ? e.getSimpleName() : e.getSimpleName() + "_");
        }
        return ClassName.get(elements.getPackageOf(host).getQualifiedName().toString(), name + SUFFIX);
    }

    /** The host class's type, with wildcards for its type parameters. */
    private static TypeName hostType(TypeElement host) {
        ClassName raw = ClassName.get(host);
        if (host.getTypeParameters().isEmpty()) {
            return raw;
        }
        TypeName[] wildcards = new TypeName[host.getTypeParameters().size()];
        java.util.Arrays.fill(wildcards, WildcardTypeName.subtypeOf(Object.class));
        return ParameterizedTypeName.get(raw, wildcards);
    }

    /** Names a type as Java source does, without type-use annotations or type arguments. */
    static String typeName(TypeMirror t) {
        switch (t.getKind()) {
            case BOOLEAN:
            case BYTE:
            case SHORT:
            case CHAR:
            case INT:
            case LONG:
            case FLOAT:
            case DOUBLE:
            case VOID:
                return t.getKind().name().toLowerCase(java.util.Locale.ROOT);
            case DECLARED:
                return ((TypeElement) ((DeclaredType) t).asElement()).getQualifiedName().toString();
            case ARRAY:
                return typeName(((ArrayType) t).getComponentType()) + "[]";
            default:
                return t.toString();
        }
    }

    private static String signature(ExecutableElement method) {
        StringBuilder s = new StringBuilder(method.getSimpleName()).append('(');
        for (VariableElement p : method.getParameters()) {
            if (s.charAt(s.length() - 1) != '(') {
                s.append(", ");
            }
            String type = typeName(p.asType());
            s.append(type.substring(type.lastIndexOf('.') + 1));
        }
        return s.append(')').toString();
    }

    private static AnnotationMirror mirror(Element e, Class<? extends java.lang.annotation.Annotation> type) {
        for (AnnotationMirror m : e.getAnnotationMirrors()) {
            if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(type.getName())) {
                return m;
            }
        }
        return null;
    }

    private static AnnotationValue annotationValue(AnnotationMirror m, String name) {
        if (m == null) {
            return null;
        }
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : m.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
