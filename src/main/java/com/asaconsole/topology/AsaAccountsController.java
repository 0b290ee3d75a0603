package com.asaconsole.topology;

import java.util.Optional;


import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/** ASA accounts: list, create, edit and delete. */
@Controller
@RequestMapping("/topology/asa-accounts")
class AsaAccountsController extends TopologyPages<AsaAccount, AsaForm> {

    private final AsaAccountRepository repository;
    private final AsaAccountEditor editor;
    private final TopologyWeb web;

    AsaAccountsController(AsaAccountRepository repository, AsaAccountEditor editor, TopologyWeb web) {
        super("/topology/asa-accounts", "ASA account", "topology/asa-accounts", "topology/asa-form");
        this.repository = repository;
        this.editor = editor;
        this.web = web;
    }

    @Override
    Optional<AsaAccount> find(long id) {
        return repository.findById(id);
    }

    @Override
    AsaAccount save(Long id, AsaForm form) {
        return editor.save(id, form);
    }

    @Override
    void remove(long id, Integer version) {
        editor.delete(id, version);
    }

    @Override
    AsaForm empty() {
        return AsaForm.empty();
    }

    @Override
    AsaForm from(AsaAccount item) {
        return AsaForm.from(item);
    }


    record Row(long id, String name, String kind, String ou, String encryptionTypes, String password, int rotationDays,
            String servers, int rowVersion) {
    }

    @Override
    org.springframework.data.domain.Page<Row> rows(org.springframework.data.domain.Pageable page) {
        java.util.Map<Long, Forest> forests = web.forestsById();
        return repository.findAllByOrderBySamAccountNameAsc(page).map(a -> new Row(a.id(),
                Topology.asaName(a, forests.get(a.forestId())), a.kind().label(), a.ou(),
                EncryptionTypes.describe(a.encryptionTypes()),
                a.passwordNeverExpires() ? "never expires" : "expires", a.rotationDays(), web.holders(a.id()), a.version()));
    }

    @Override
    String label(AsaAccount a) {
        return a.samAccountName();
    }

    @Override
    AsaForm withVersion(AsaForm f, Integer version) {
        return new AsaForm(f.forestId(), f.samAccountName(), f.kind(), f.ou(), f.encryptionTypes(), f.passwordNeverExpires(),
                f.rotationDays(), version);
    }

    @Override
    void options(Model model) {
        model.addAttribute("forests", web.forestOptions());
        model.addAttribute("kinds", TopologyWeb.enumOptions(AsaKind.values(), AsaKind::label));
    }
}
