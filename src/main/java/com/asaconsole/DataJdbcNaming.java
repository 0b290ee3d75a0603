package com.asaconsole;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;

/**
 * Unquoted table and column names, so that one set of migrations (lower-case, unquoted) serves
 * H2, which folds names to upper case, and PostgreSQL, which folds them to lower case.
 */
@Configuration(proxyBeanMethods = false)
class DataJdbcNaming {

    @Bean
    static BeanPostProcessor unquotedIdentifiers() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof JdbcMappingContext context) {
                    context.setForceQuote(false);
                }
                return bean;
            }
        };
    }
}
