"""The annual contest (смотр-конкурс) in the app: ``window`` (rankings, the commission's marks, the results),
``html`` (the protocol's layout), ``pdf`` (the protocol and the diplomas painted by Qt), ``command`` (the PDF
writers handed to ``maturity contest``)."""
