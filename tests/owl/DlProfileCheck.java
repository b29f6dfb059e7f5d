/* SPDX-License-Identifier: MIT */
import java.io.File;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.MissingImportHandlingStrategy;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

/**
 * OWLAPI's OWL 2 DL profile checker, as an ontology engineer runs it on a file.
 *
 * <p>Usage: {@code java DlProfileCheck FILE...}. For each file it prints one line a
 * violation ({@code FILE: ViolationClass: message}) and then {@code FILE: N violations,
 * M axioms}. Exit 0 when every file is OWL 2 DL, 1 when one is not, 2 when one cannot be
 * read. Imports that cannot be fetched are skipped: the check is offline, and the exports
 * carry the ontology's axioms themselves.
 */
public final class DlProfileCheck {
    private DlProfileCheck() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: java DlProfileCheck FILE...");
            System.exit(2);
        }
        int status = 0;
        for (String path : args) {
            status = Math.max(status, check(path));
        }
        System.exit(status);
    }

    private static int check(String path) {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        manager.getOntologyConfigurator()
                .setMissingImportHandlingStrategy(MissingImportHandlingStrategy.SILENT);
        OWLOntology ontology;
        try {
            ontology = manager.loadOntologyFromOntologyDocument(new File(path));
        } catch (Exception e) {
            System.out.println(path + ": cannot be read: " + e.getMessage());
            return 2;
        }
        OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
        for (OWLProfileViolation v : report.getViolations()) {
            System.out.println(path + ": " + v.getClass().getSimpleName() + ": " + v);
        }
        System.out.println(path + ": " + report.getViolations().size() + " violations, "
                + ontology.getAxiomCount() + " axioms");
        return report.isInProfile() ? 0 : 1;
    }
}
