package org.happserve.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.happserve.domain.Category;
import org.happserve.domain.Department;
import org.happserve.domain.Directory;
import org.happserve.domain.InvalidDirectoryException;
import org.happserve.domain.Level;
import org.happserve.domain.Municipality;
import org.happserve.domain.Officer;
import org.happserve.domain.Ward;
import org.happserve.http.Json;

/** The directory's JSON form: the files under {@code config/} and the copy kept in the store. */
public final class DirectoryJson {
    private static final ObjectMapper MAPPER = Json.MAPPER;

    /** The document as written: every field of the domain records, nothing else. */
    record Document(Municipality municipality, List<Level> levels, List<Ward> wards, List<Department> departments,
                    List<Category> categories, List<Officer> officers) {}

    private DirectoryJson() {}

    /** Parses and validates; an invalid document raises {@link InvalidDirectoryException} listing each problem. */
    public static Directory parse(String json) {
        Document d;
        try {
            d = MAPPER.readValue(json, Document.class);
        } catch (JsonProcessingException e) {
            throw new InvalidDirectoryException(List.of("not a valid directory document: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr())));
        }
        return Directory.of(d.municipality(), nonNull(d.levels()), nonNull(d.wards()), nonNull(d.departments()),
                nonNull(d.categories()), nonNull(d.officers()));
    }

    public static String write(Directory directory) {
        try {
            return MAPPER.writeValueAsString(new Document(directory.municipality(), directory.levels(),
                    directory.wards(), directory.departments(), directory.categories(), directory.officers()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
