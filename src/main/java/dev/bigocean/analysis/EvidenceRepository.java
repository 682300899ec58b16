package dev.bigocean.analysis;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class EvidenceRepository implements PanacheRepositoryBase<Evidence, UUID> {
}
