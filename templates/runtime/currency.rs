use std::borrow::Cow;
use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::form::{FormValue, FormWriter};
use super::read::{JsonReader, ReadJson};

/// A currency: a three-letter ISO 4217 code, lowercase as Stripe writes it
/// (`Currency::USD` is `usd`).
///
/// Every ISO 4217 code is a constant; any other code (one Stripe supports that is newer
/// than this list) is made with `Currency::from("xyz")` and sent as given, lowercased.
/// An answer's code is kept as it came, known or not: reading never fails on one.
///
/// ```
/// use stripe_client::Currency;
/// assert_eq!(Currency::USD.as_str(), "usd");
/// assert_eq!(Currency::from("EUR"), Currency::EUR);
/// assert_eq!("jpy".parse::<Currency>().unwrap(), Currency::JPY);
/// assert!(Currency::USD.is_known());
/// assert!(!Currency::from("abc").is_known());
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    code: Cow<'static, str>,
}

impl Currency {
    const fn known(code: &'static str) -> Self {
        Self {
            code: Cow::Borrowed(code),
        }
    }

    /// The code as Stripe writes it (`usd`).
    pub fn as_str(&self) -> &str {
        &self.code
    }

    /// Whether the code is one of ISO 4217's (a constant of this type).
    pub fn is_known(&self) -> bool {
        ISO_4217.binary_search(&self.code.as_ref()).is_ok()
    }
}

/// The ISO 4217 codes, written once: a constant each (`Currency::USD`) and the sorted
/// list [`Currency::is_known`] searches.
macro_rules! iso_4217 {
    ($($constant:ident $code:literal)*) => {
        impl Currency {
            $(
                #[doc = concat!("`", $code, "`")]
                pub const $constant: Currency = Currency::known($code);
            )*
        }

        const ISO_4217: &[&str] = &[$($code),*];
    };
}

iso_4217! {
    AED "aed"
    AFN "afn"
    ALL "all"
    AMD "amd"
    ANG "ang"
    AOA "aoa"
    ARS "ars"
    AUD "aud"
    AWG "awg"
    AZN "azn"
    BAM "bam"
    BBD "bbd"
    BDT "bdt"
    BGN "bgn"
    BHD "bhd"
    BIF "bif"
    BMD "bmd"
    BND "bnd"
    BOB "bob"
    BOV "bov"
    BRL "brl"
    BSD "bsd"
    BTN "btn"
    BWP "bwp"
    BYN "byn"
    BZD "bzd"
    CAD "cad"
    CDF "cdf"
    CHE "che"
    CHF "chf"
    CHW "chw"
    CLF "clf"
    CLP "clp"
    CNY "cny"
    COP "cop"
    COU "cou"
    CRC "crc"
    CUC "cuc"
    CUP "cup"
    CVE "cve"
    CZK "czk"
    DJF "djf"
    DKK "dkk"
    DOP "dop"
    DZD "dzd"
    EGP "egp"
    ERN "ern"
    ETB "etb"
    EUR "eur"
    FJD "fjd"
    FKP "fkp"
    GBP "gbp"
    GEL "gel"
    GHS "ghs"
    GIP "gip"
    GMD "gmd"
    GNF "gnf"
    GTQ "gtq"
    GYD "gyd"
    HKD "hkd"
    HNL "hnl"
    HTG "htg"
    HUF "huf"
    IDR "idr"
    ILS "ils"
    INR "inr"
    IQD "iqd"
    IRR "irr"
    ISK "isk"
    JMD "jmd"
    JOD "jod"
    JPY "jpy"
    KES "kes"
    KGS "kgs"
    KHR "khr"
    KMF "kmf"
    KPW "kpw"
    KRW "krw"
    KWD "kwd"
    KYD "kyd"
    KZT "kzt"
    LAK "lak"
    LBP "lbp"
    LKR "lkr"
    LRD "lrd"
    LSL "lsl"
    LYD "lyd"
    MAD "mad"
    MDL "mdl"
    MGA "mga"
    MKD "mkd"
    MMK "mmk"
    MNT "mnt"
    MOP "mop"
    MRU "mru"
    MUR "mur"
    MVR "mvr"
    MWK "mwk"
    MXN "mxn"
    MXV "mxv"
    MYR "myr"
    MZN "mzn"
    NAD "nad"
    NGN "ngn"
    NIO "nio"
    NOK "nok"
    NPR "npr"
    NZD "nzd"
    OMR "omr"
    PAB "pab"
    PEN "pen"
    PGK "pgk"
    PHP "php"
    PKR "pkr"
    PLN "pln"
    PYG "pyg"
    QAR "qar"
    RON "ron"
    RSD "rsd"
    RUB "rub"
    RWF "rwf"
    SAR "sar"
    SBD "sbd"
    SCR "scr"
    SDG "sdg"
    SEK "sek"
    SGD "sgd"
    SHP "shp"
    SLE "sle"
    SLL "sll"
    SOS "sos"
    SRD "srd"
    SSP "ssp"
    STN "stn"
    SVC "svc"
    SYP "syp"
    SZL "szl"
    THB "thb"
    TJS "tjs"
    TMT "tmt"
    TND "tnd"
    TOP "top"
    TRY "try"
    TTD "ttd"
    TWD "twd"
    TZS "tzs"
    UAH "uah"
    UGX "ugx"
    USD "usd"
    USN "usn"
    UYI "uyi"
    UYU "uyu"
    UYW "uyw"
    UZS "uzs"
    VED "ved"
    VES "ves"
    VND "vnd"
    VUV "vuv"
    WST "wst"
    XAF "xaf"
    XAG "xag"
    XAU "xau"
    XBA "xba"
    XBB "xbb"
    XBC "xbc"
    XBD "xbd"
    XCD "xcd"
    XCG "xcg"
    XDR "xdr"
    XOF "xof"
    XPD "xpd"
    XPF "xpf"
    XPT "xpt"
    XSU "xsu"
    XTS "xts"
    XUA "xua"
    XXX "xxx"
    YER "yer"
    ZAR "zar"
    ZMW "zmw"
    ZWG "zwg"
    ZWL "zwl"
}

/// Lowercased: Stripe takes currencies in lowercase.
impl From<&str> for Currency {
    fn from(code: &str) -> Self {
        Self {
            code: Cow::Owned(code.to_ascii_lowercase()),
        }
    }
}

/// Lowercased: Stripe takes currencies in lowercase.
impl From<String> for Currency {
    fn from(mut code: String) -> Self {
        code.make_ascii_lowercase();
        Self {
            code: Cow::Owned(code),
        }
    }
}

/// Never fails: a code this list does not have may be newer than it.
impl FromStr for Currency {
    type Err = Infallible;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Ok(Self::from(code))
    }
}

impl AsRef<str> for Currency {
    fn as_ref(&self) -> &str {
        &self.code
    }
}

impl PartialEq<str> for Currency {
    fn eq(&self, other: &str) -> bool {
        self.code == other
    }
}

impl PartialEq<&str> for Currency {
    fn eq(&self, other: &&str) -> bool {
        self.code == *other
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Currency({})", self.code)
    }
}

impl FormValue for Currency {
    fn write_form(&self, form: &mut FormWriter) {
        form.value(&self.code);
    }
}

/// As it came: a known code borrows its constant's text.
impl ReadJson for Currency {
    fn read_json(json: &mut JsonReader<'_>) -> Option<Self> {
        let code = json.str()?;
        Some(match ISO_4217.binary_search(&code.as_ref()) {
            Ok(index) => Self::known(ISO_4217[index]),
            Err(_) => Self {
                code: Cow::Owned(code.into_owned()),
            },
        })
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.code)
    }
}

/// As it came, like [`ReadJson`].
impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Ok(Self {
            code: Cow::Owned(code),
        })
    }
}
