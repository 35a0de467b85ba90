package org.happserve.ports;

import java.util.Optional;
import org.happserve.domain.Directory;

/** Where the municipality's directory (wards, departments, categories, officers) is kept. */
public interface DirectoryStore {
    Optional<Directory> load();

    void save(Directory directory);
}
