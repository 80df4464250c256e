package io.remora.exporter.testing;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Another local user, {@code nobody}, as the owner of files a test plants. The tests run as root,
 * here and in CI, so that they can give files away; without root this fails and says why, rather
 * than skip the test.
 */
public final class OtherUser {

    public static final String NAME = "nobody";

    private OtherUser() {
    }

    /** Gives {@code path} and everything below it to {@code nobody}; a link is given itself, never followed. */
    public static void owns(Path path) {
        try {
            UserPrincipal nobody = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(NAME);
            List<Path> all;
            try (Stream<Path> walk = Files.walk(path)) {
                all = walk.collect(Collectors.toList());
            }
            for (Path each : all) {
                Files.getFileAttributeView(each, FileOwnerAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS).setOwner(nobody);
                UserPrincipal owner = Files.getOwner(each, LinkOption.NOFOLLOW_LINKS);
                if (!owner.equals(nobody)) {
                    throw new IOException(each + " is still owned by " + owner);
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new AssertionError("cannot give " + path + " to the user " + NAME + " (" + e + "): this test plants"
                    + " files owned by another user, which needs root, as the build and CI run", e);
        }
    }
}
