package dev.jazero.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class that jazero-processor wrote, such as {@code Foo_HostModule}. It stands for
 * {@code javax.annotation.processing.Generated}, which would make a named module that uses the
 * processor require {@code java.compiler}; coverage tools that skip classes annotated
 * {@code @Generated} recognise it by its simple name. Kept in class files, not read at run time.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Generated {

    /** The processor that wrote the class. */
    String value();
}
