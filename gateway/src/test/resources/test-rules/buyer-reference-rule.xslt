<?xml version="1.0" encoding="UTF-8"?>
<!-- A made-up rule for the release-switch test: the buyer reference PO-4711 is no longer allowed. -->
<xsl:stylesheet version="2.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
    xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <xsl:template match="/">
    <svrl:schematron-output>
      <xsl:for-each select="/*/cbc:BuyerReference[. = 'PO-4711']">
        <svrl:failed-assert id="TEST-R001" flag="fatal"
            location="/*:{local-name(/*)}[namespace-uri()='{namespace-uri(/*)}'][1]/*:BuyerReference[namespace-uri()='urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2'][1]">
          <svrl:text>[TEST-R001]-The buyer reference PO-4711 is withdrawn from the 2027.2 test release.</svrl:text>
        </svrl:failed-assert>
      </xsl:for-each>
    </svrl:schematron-output>
  </xsl:template>
</xsl:stylesheet>
