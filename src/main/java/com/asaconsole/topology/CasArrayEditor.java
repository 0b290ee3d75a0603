package com.asaconsole.topology;

import static com.asaconsole.topology.TopologyEdits.checkVersion;
import static com.asaconsole.topology.TopologyEdits.checkFqdn;
import static com.asaconsole.topology.TopologyEdits.lower;
import static com.asaconsole.topology.TopologyEdits.nullSafe;
import static com.asaconsole.topology.TopologyEdits.reject;
import static com.asaconsole.topology.TopologyEdits.staleDelete;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.asaconsole.topology.TopologyRejected.Problem;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The rules of an RPC Client Access array: a unique FQDN, one site, Exchange 2010 members of that site. */
@Service
@Transactional
class CasArrayEditor {

    private final CasArrayRepository arrays;
    private final SiteRepository sites;
    private final ExchangeServerRepository servers;
    private final TopologyEdits edits;

    CasArrayEditor(CasArrayRepository arrays, SiteRepository sites, ExchangeServerRepository servers, TopologyEdits edits) {
        this.arrays = arrays;
        this.sites = sites;
        this.servers = servers;
        this.edits = edits;
    }

    CasArray save(Long id, CasArrayForm form) {
        CasArray current = id == null ? null : arrays.findById(id).orElseThrow(TopologyEdits::notFound);
        List<Problem> problems = new ArrayList<>();
        String fqdn = lower(form.fqdn());
        checkFqdn(problems, fqdn, arrays.findByFqdnIgnoreCase(nullSafe(fqdn)).map(CasArray::id), id,
                "A CAS array named " + fqdn + " already exists.", Set.of());
        if (form.siteId() == null || sites.findById(form.siteId()).isEmpty()) {
            problems.add(new Problem("siteId", "Choose the AD site of the array (one RPC Client Access array per site)."));
        }
        for (Long memberId : form.memberIds()) {
            Optional<ExchangeServer> member = servers.findById(memberId);
            if (member.isEmpty()) {
                problems.add(new Problem("memberIds", "A chosen member no longer exists; reload the page."));
            } else if (member.get().exchangeVersion() != ExchangeVersion.EXCHANGE_2010) {
                problems.add(new Problem("memberIds", member.get().fqdn() + " runs " + member.get().exchangeVersion().label()
                        + "; RPC Client Access arrays hold Exchange 2010 servers only."));
            } else if (form.siteId() != null && !member.get().siteId().equals(form.siteId())) {
                problems.add(new Problem("memberIds", member.get().fqdn() + " is in another AD site; an array's members are in its site."));
            }
        }
        edits.fits(problems, new CasArray(id, fqdn, form.siteId(), Set.of(), null));
        reject(problems);
        checkVersion("CAS array " + (current == null ? "" : current.fqdn()), current, form.version(),
                current == null ? null : current.version(), () -> describe(current));
        Set<CasArray.Member> members = form.memberIds().stream().distinct().map(CasArray.Member::new).collect(Collectors.toSet());
        return edits.save(() -> arrays.save(new CasArray(id, fqdn, form.siteId(), members, current == null ? null : form.version())),
                "CAS array " + fqdn, current == null ? null : describe(current), this::describe);
    }

    void delete(long id, Integer version) {
        CasArray array = arrays.findById(id).orElseThrow(TopologyEdits::notFound);
        staleDelete("CAS array " + array.fqdn(), array.version(), version);
        arrays.delete(array);
        edits.deleted("CAS array " + array.fqdn(), describe(array));
    }

    private String describe(CasArray a) {
        return a.fqdn() + ", members " + edits.serverNames(a.members().stream().map(CasArray.Member::serverId).toList());
    }
}
