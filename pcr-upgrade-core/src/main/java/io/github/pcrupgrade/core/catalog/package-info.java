/**
 * The release catalog, for planners and for users who must teach the library a series it does not
 * know yet: which series exist, whether each is Regular or Innovation, its support dates, its
 * {@code MinSupported}, which upgrades are direct, and which features each patch has. The catalog
 * is data; extend or override it with {@link io.github.pcrupgrade.core.catalog.ReleaseCatalog#builder()}.
 */
package io.github.pcrupgrade.core.catalog;
