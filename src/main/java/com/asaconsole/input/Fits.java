package com.asaconsole.input;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A form field that is stored in {@code table.column}: it must fit that column (its length as
 * the database defines it, {@link FieldLimits}) and hold no control character but tab and line
 * breaks. The message is the sentence {@link FieldLimits} gives.
 */
@Documented
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Fits.Check.class)
public @interface Fits {

    String table();

    String column();

    String message() default "This value does not fit.";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Created by Spring's validator factory, so it gets the limits read from the database. */
    class Check implements ConstraintValidator<Fits, String> {

        private final FieldLimits limits;
        private String table;
        private String column;

        Check(FieldLimits limits) {
            this.limits = limits;
        }

        @Override
        public void initialize(Fits fits) {
            this.table = fits.table();
            this.column = fits.column();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return limits.problem(table, column, value).map(problem -> {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(problem.replace("{", "\\{").replace("$", "\\$"))
                        .addConstraintViolation();
                return false;
            }).orElse(true);
        }
    }
}
