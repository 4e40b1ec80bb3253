package io.cellwatch.ingest.format.xlsx;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Which day a workbook counts its dates from. Excel on Windows counts from 1900 and Excel for Mac
 * before 2011 from 1904 ({@code <workbookPr date1904="…"/>} in {@code xl/workbook.xml}), and the same
 * number is a date 1,462 days later in the 1904 system. The attribute is an XML boolean, written
 * {@code true} or {@code 1}; the workbook library takes only {@code true}, so a workbook marked {@code
 * 1} had its dates read four years early. This reads the mark itself.
 */
final class WorkbookDates {
    /**
     * Days from the 1900 system's day 0 (1899-12-30, as its dates after February 1900 count, past the 29
     * February 1900 it holds) to the 1904 system's (1904-01-01).
     */
    static final int DAYS_1900_TO_1904 = 1_462;

    private WorkbookDates() {}

    /** Whether the workbook's {@code xl/workbook.xml} declares the 1904 date system. */
    static boolean counts1904(ZipFile zip) throws IOException {
        ZipEntry part = zip.getEntry("xl/workbook.xml");
        if (part == null) {
            return false;
        }
        try (InputStream in = zip.getInputStream(part)) {
            return counts1904(in);
        }
    }

    static boolean counts1904(InputStream workbookXml) throws IOException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // No document type, no external entity: a workbook is untrusted input.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(workbookXml);
            try {
                while (xml.hasNext()) {
                    if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    String name = xml.getLocalName();
                    if (name.equals("workbookPr")) {
                        String value = xml.getAttributeValue(null, "date1904");
                        return value != null
                                && (value.strip().equals("1") || value.strip().equalsIgnoreCase("true"));
                    }
                    if (name.equals("sheets")) {
                        return false; // workbookPr comes before the sheets, when a workbook has one
                    }
                }
                return false;
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            throw new IOException("xl/workbook.xml does not parse: " + e.getMessage(), e);
        }
    }
}
