package com.asaconsole;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;

import com.asaconsole.directory.ForestDirectory;
import com.asaconsole.directory.ForestWrites;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameStartingWith;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module boundaries hold (docs/modules is checked by {@link ModuleDocumentationTest}). */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(AsaConsoleApplication.class);

    @Test
    void modulesKeepTheirBoundaries() {
        modules.verify();
        assertThat(modules.stream().map(m -> m.getIdentifier().toString())).contains("identity", "shell", "topology",
                "planning", "directory", "remoting", "kerberos", "deployment", "audit", "secrets");
    }

    /**
     * Nothing but deployment writes to AD (ADR 41): the writes are the named interface directory :: writes, which only
     * deployment lists; verify() refuses it for modules that list their dependencies, this for those that do not.
     */
    @Test
    void onlyDeploymentWritesToTheDirectory() {
        var writes = modules.getModuleByName("directory").orElseThrow().getNamedInterfaces().getByName("writes").orElseThrow();
        // the interface also lists the types its methods take and answer (AccountState, LdapWrite, ...): only ForestWrites writes
        assertThat(writes.contains(ForestWrites.class)).isTrue();
        noClasses().that().resideOutsideOfPackages("com.asaconsole.deployment..", "com.asaconsole.directory..")
                .should().dependOnClassesThat().belongToAnyOf(ForestWrites.class)
                .because("only a step of an approved change writes to Active Directory (ADR 41)")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.asaconsole"));
    }

    /**
     * Other modules read the directory by purpose (ADR 45): sign-in through {@code DirectoryPeople}, SPN look-ups through
     * {@code SpnLookups}. The whole {@link ForestDirectory} is for deployment's steps and topology's forest discovery only.
     */
    @Test
    void otherModulesReadTheDirectoryByPurpose() {
        noClasses().that().resideOutsideOfPackages("com.asaconsole.deployment..", "com.asaconsole.directory..")
                .and().doNotHaveFullyQualifiedName("com.asaconsole.topology.DiscoveryController")
                .should().dependOnClassesThat().belongToAnyOf(ForestDirectory.class)
                .because("identity, helpdesk, health, planning and rotation read through the reader of their purpose (ADR 45)")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.asaconsole"));
    }

    /** Threads come from Spring-managed executors that stop with the context (ManagedThreads, ADR 40), never by hand. */
    @Test
    void productionCodeMakesNoThreadsByHand() {
        noClasses().should().callMethodWhere(target(owner(assignableTo(Executors.class))).and(target(nameStartingWith("new"))))
                .orShould().callConstructorWhere(target(owner(assignableTo(Thread.class))))
                .orShould().callConstructorWhere(target(owner(assignableTo(ThreadPoolExecutor.class))))
                .orShould().callConstructorWhere(target(owner(assignableTo(ForkJoinPool.class))))
                .because("a thread or pool made by hand is never shut down with the context; use ManagedThreads (ADR 40)")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.asaconsole"));
    }

}
